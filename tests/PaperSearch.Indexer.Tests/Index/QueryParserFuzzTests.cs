using PaperSearch.Indexer.Index;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>The parser's contract over thousands of grammar-built inputs: a query, or a message with a position, never a crash.</summary>
public sealed class QueryParserFuzzTests(SearchCorpus corpus) : IClassFixture<SearchCorpus>
{
    [Theory]
    [InlineData(20261205, 6_000)]
    [InlineData(7, 3_000)]
    public void Parse_ParsesOrRejectsWithAMessage_WhenFedGrammarBuiltQueries(int seed, int count)
    {
        var grammar = new QueryGrammar(seed);
        var (parsed, rejected) = (0, 0);
        var failures = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var text = grammar.Next();
            try
            {
                var q = PaperQuery.Parse(text);
                // Everything downstream reads must be computable, and the Lucene query buildable for both match rules.
                Assert.NotNull(q.EmbeddingText);
                Assert.NotNull(q.Lucene(QueryWeights.Default, WordMatch.Any));
                Assert.NotNull(q.Lucene(QueryWeights.Default, WordMatch.All));
                corpus.T.Index.Searcher.Search(new IndexSearchRequest(q, Count: 5));
                parsed++;
            }
            catch (QuerySyntaxException e) when (e.Message.Length > 20 && (e.Position > 0 || e.Message.Contains("query", StringComparison.OrdinalIgnoreCase)))
            {
                rejected++;
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed} #{i} {Show(text)}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} crashes:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(parsed > count / 10 && rejected > count / 10, $"the grammar should reach both outcomes: {parsed} parsed, {rejected} rejected");
    }

    [Theory]
    [InlineData("NOT(-)\\*NOTNOT+")]
    [InlineData("-)]cat:cat:*:")]
    [InlineData("ti:)[*]]OR^")]
    [InlineData("(au:)][*:≘")]
    [InlineData("ti:)")]
    [InlineData("(a NOT)")]
    [InlineData("a OR")]
    [InlineData("OR a")]
    [InlineData("a AND OR b")]
    [InlineData("graph^")]
    [InlineData("graph~5")]
    [InlineData("graph~0.8")]
    [InlineData("\"a b\"~")]
    [InlineData("^3")]
    [InlineData("cat:cs.AI~1")]
    public void Parse_RejectsWithPositionedMessage_WhenQueryIsMalformed(string text)
    {
        var e = Assert.Throws<QuerySyntaxException>(() => PaperQuery.Parse(text));
        Assert.True(e.Position > 0, e.Message);
        Assert.Contains($"position {e.Position}", e.Message);
    }

    private static string Show(string s) => string.Concat(s.Select(c => c < ' ' || char.IsSurrogate(c) || c > '\u007e' ? $"\\u{(int)c:x4}" : c.ToString()));
}
