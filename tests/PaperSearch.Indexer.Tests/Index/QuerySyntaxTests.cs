using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Tests.Index;

public sealed class QuerySyntaxTests
{
    [Theory]
    [InlineData("a b)", "no matching '('", 4)]
    [InlineData("*former", "wildcard", 1)]
    [InlineData("ti: attention", "needs a value", 1)]
    [InlineData("cat:cs.XYZ", "unknown category", 1)]
    [InlineData("id:notanid", "arXiv id", 1)]
    [InlineData("neural AND", "nothing after", 0)]
    [InlineData("((((((((((a))))))))))", "nest deeper", 9)]
    public void Build_ThrowsWithPositionedMessage_WhenSyntaxIsBad(string query, string expected, int position)
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => PaperQuery.Parse(query));

        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
        if (position > 0) Assert.Equal(position, ex.Position);
    }

    [Theory]
    [InlineData("graph \"neural net", "graph \"neural net\"")]
    [InlineData("\"unbalanced", "\"unbalanced\"")]
    [InlineData("(a b", "(a b)")]
    [InlineData("x (a (b \"c d", "x (a (b \"c d\"))")]
    public void Parse_ClosesQuotesAndGroupsAtTheEnd_WhenLeftOpen(string open, string closed)
    {
        var lenient = PaperQuery.Parse(open);
        var written = PaperQuery.Parse(closed);

        Assert.Equal(written.Lucene(QueryWeights.Default, WordMatch.Any).ToString(), lenient.Lucene(QueryWeights.Default, WordMatch.Any).ToString());
        Assert.Equal(written.EmbeddingText, lenient.EmbeddingText);
    }

    [Fact]
    public void Build_ThrowsTooLong_WhenQueryIs10kB()
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => PaperQuery.Parse(new string('a', 10_000)));

        Assert.Contains("10,000 characters", ex.Message);
    }

    [Fact]
    public void Build_ThrowsTooManyTerms_WhenQueryHasHundredsOfWords()
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => PaperQuery.Parse(string.Join(' ', Enumerable.Repeat("ab", 300))));

        Assert.Contains("terms", ex.Message);
    }

    [Theory]
    [InlineData("what is attention?")]
    [InlineData("C++ - templates")]
    [InlineData("a:b c")]
    [InlineData("+")]
    [InlineData("\"\"")]
    public void Build_Accepts_WhenQueryIsOrdinaryText(string query)
    {
        Assert.NotNull(PaperQuery.Parse(query));
    }
}
