using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>What one parse yields: operators read as written, the words to embed, the match rule, ids and titles.</summary>
public sealed class QueryModelTests(SearchCorpus corpus) : IClassFixture<SearchCorpus>
{
    private TestIndex T => corpus.T;

    private IReadOnlyList<string> Ids(string query, WordMatch match = WordMatch.Any) =>
        T.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse(query), Count: 50, Match: match)).Hits.Select(h => h.Id).Order().ToList();

    [Fact]
    public void Search_ReadsSymbolOperators_AsTheirWordForms()
    {
        Assert.Equal(["2501.00003"], Ids("neural && molecules"));
        Assert.Equal(Ids("neural AND molecules"), Ids("neural && molecules"));
        Assert.Equal(["2501.00002", "2501.00003"], Ids("neural || molecules"));
        Assert.Equal(["2501.00002"], Ids("neural !molecules"));
    }

    [Fact]
    public void Search_FindsMisspelling_WhenWordIsFuzzy()
    {
        Assert.Empty(Ids("molecuels"));
        Assert.Equal(["2501.00003"], Ids("molecuels~2"));
    }

    [Fact]
    public void Search_AllowsWordsApart_WhenPhraseHasProximity()
    {
        Assert.Empty(Ids("\"neural passing\""));
        Assert.Equal(["2501.00003"], Ids("\"neural passing\"~1"));
        Assert.Equal(["2501.00003"], Ids("abs:\"neural passing\"~2"));
    }

    [Fact]
    public void Search_NeverSearchesTheNumber_WhenWordIsBoosted()
    {
        Assert.Equal(Ids("qubits"), Ids("qubits^3"));
        var boosted = T.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("residual^5 molecules"), Count: 5)).Hits;
        Assert.Equal("2501.00002", boosted[0].Id); // the boost outweighs the other word's title match
    }

    [Fact]
    public void Search_RequiresEveryWord_WhenMatchIsAll()
    {
        Assert.Equal(["2501.00002", "2501.00003"], Ids("neural molecules"));
        Assert.Equal(["2501.00003"], Ids("neural molecules", WordMatch.All));
        Assert.Equal(["2501.00003"], Ids("the neural molecules", WordMatch.All)); // a stop word requires nothing
        Assert.Equal(["2501.00002", "2501.00003", "2501.00004"], Ids("neural OR qubits", WordMatch.All));
    }

    [Theory]
    [InlineData("x^{2} and $\\frac{e^2}{2h}$ terms")]
    [InlineData("about ~50% of")]
    [InlineData("Reasoning -- a survey")]
    [InlineData("Q*-learning and Why?Because")]
    public void Parse_ReadsTexAsText_WhenSignIsFollowedByOtherCharacters(string text) =>
        Assert.NotEmpty(PaperQuery.Parse(text).EmbeddingText);

    [Theory]
    [InlineData("graph NOT neural", "graph")]
    [InlineData("graph -neural", "graph")]
    [InlineData("-(a b) c", "c")]
    [InlineData("title:attention au:vaswani cat:cs.AI id:2401.06769", "attention")]
    [InlineData("abstract:\"message passing\" +quantum", "message passing quantum")]
    [InlineData("transform* graph~1 nets^2", "transform graph nets")]
    [InlineData("(diffusion OR video) AND NOT (gan)", "diffusion video")]
    [InlineData("cat:cs.LG", "")]
    public void EmbeddingText_HoldsOnlyWordsWithMeaning(string query, string expected) =>
        Assert.Equal(expected, PaperQuery.Parse(query).EmbeddingText);

    [Fact]
    public void Parse_RecognisesIdsTitlesAndScripts()
    {
        Assert.Equal("2401.06769", PaperQuery.Parse("https://arxiv.org/abs/2401.06769v2").ExactId);
        Assert.Null(PaperQuery.Parse("graph 2401.06769").ExactId);
        Assert.Equal("graph neural networks for molecules", PaperQuery.Parse("Graph Neural Networks: for Molecules!").TitleKey);
        Assert.Null(PaperQuery.Parse("+graph neural").TitleKey); // operators: not a title
        Assert.True(PaperQuery.Parse("低分辨率 人脸识别").HasCjk);
        Assert.Empty(PaperQuery.Parse("plain words").Unhonoured);
        Assert.Equal(2, PaperQuery.Parse("ti:graph -neural").Unhonoured.Count);
        Assert.True(PaperQuery.Parse("the of").NothingSearchable);
        Assert.True(PaperQuery.Parse(null).IsBlank);
    }

    [Fact]
    public void ExactTitleMatches_FindsThePaper_WhenTitleTypedWithOtherPunctuation()
    {
        using var snapshot = T.Index.Searcher.Snapshot();
        Assert.Equal(["2501.00005"], snapshot.ExactTitleMatches(PaperQuery.Parse("tiny faces big gains"), new IndexSearchRequest(null)));
        Assert.Empty(snapshot.ExactTitleMatches(PaperQuery.Parse("tiny faces"), new IndexSearchRequest(null)));
    }
}
