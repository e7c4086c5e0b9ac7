using PaperSearch.Categories;
using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Tests.Index;

public sealed class PaperQuerySearchTests(SearchCorpus corpus) : IClassFixture<SearchCorpus>
{
    private TestIndex T => corpus.T;

    [Fact]
    public void Search_RanksPaperMatchingMoreTermsFirst_WhenFreeText()
    {
        var ids = T.Ids("neural residual train");

        Assert.Equal("2501.00002", ids[0]);
        Assert.Contains("2501.00003", ids);
    }

    [Fact]
    public void Search_PutsExactTitleFirst_WhenQueryIsWholeTitle()
    {
        Assert.Equal("2501.00003", T.Ids("Graph Neural Networks for Molecules")[0]);
        Assert.Equal("2501.00001", T.Ids("attention is all you need again")[0]);
    }

    [Theory]
    [InlineData("the")]
    [InlineData("of the and")]
    [InlineData("... ;")]
    public void Search_MatchesNothing_WhenQueryHasOnlyStopWordsOrPunctuation(string query)
    {
        Assert.Empty(T.Ids(query));
        Assert.True(PaperQuery.Parse(query).NothingSearchable);
        Assert.False(PaperQuery.Parse("the graphs").NothingSearchable);
        Assert.False(PaperQuery.Parse("").NothingSearchable);
        Assert.NotEmpty(T.Ids("")); // a blank query still lists everything (filters alone, daily lists)
    }

    [Fact]
    public void Search_FindsMscAndAcmClasses_UnderCat_WithoutCountingThemAsCategories()
    {
        Assert.Equal(["2501.00004"], T.Ids("cat:81P68"));
        Assert.Equal(["2501.00004"], T.Ids("cat:81p68"));
        Assert.Equal(["2501.00004"], T.Ids("cat:E.4"));
        Assert.Throws<QuerySyntaxException>(() => PaperQuery.Parse("cat:nonsense"));
    }

    [Fact]
    public void Search_MatchesOnlyAdjacentWords_WhenPhraseQuoted()
    {
        Assert.Equal(["2501.00003"], T.Ids("\"message passing\""));
        Assert.Empty(T.Ids("\"passing message\""));
    }

    [Fact]
    public void Search_AppliesMustAndNot_WhenPlusMinusUsed()
    {
        Assert.Equal(["2501.00003"], T.Ids("+neural +molecular"));
        Assert.Equal(["2501.00002"], T.Ids("neural -graphs"));
        Assert.Equal(["2501.00002"], T.Ids("neural AND NOT molecules"));
    }

    [Fact]
    public void Search_RestrictsToField_WhenPrefixGiven()
    {
        Assert.Equal(["2501.00002"], T.Ids("au:kaiming"));
        Assert.Equal(["2501.00001"], T.Ids("ti:attention"));
        Assert.Equal(["2501.00004"], T.Ids("abs:qubits"));
        Assert.Empty(T.Ids("ti:qubits"));
        Assert.Equal(["hep-th/9901001"], T.Ids("cat:hep-th"));
        Assert.Equal(["2501.00002", "2501.00005"], T.Ids("cat:cs.CV").Order());
        Assert.Equal(["2501.00003"], T.Ids("au:\"Justin Gilmer\""));
    }

    [Theory]
    [InlineData("2501.00004")]
    [InlineData("2501.4")]
    [InlineData("arXiv:2501.00004v2")]
    [InlineData("https://arxiv.org/abs/2501.00004")]
    [InlineData("id:2501.00004")]
    public void Search_ReturnsThatPaperFirst_WhenQueryIsIdOrUrl(string query)
    {
        Assert.Equal("2501.00004", T.Ids(query)[0]);
    }

    [Fact]
    public void Search_FindsOldStyleId_WhenQueryIsOldStyleId()
    {
        Assert.Equal(["hep-th/9901001"], T.Ids("hep-th/9901001v1"));
    }

    [Fact]
    public void Search_FiltersByCategoryExpression_WhenIncludeArchiveAndExclude()
    {
        Assert.Equal(["2501.00002", "2501.00005"], T.Ids("", "cs.CV").Order());
        Assert.Equal(["2501.00001", "2501.00002", "2501.00003", "2501.00005", "2501.00006"], T.Ids(null, "cs").Order());
        Assert.Equal(["2501.00001", "2501.00002", "2501.00005", "2501.00006"], T.Ids(null, "cs-physics.chem-ph").Order());
        Assert.Equal(["2501.00003", "2501.00004"], T.Ids(null, "quant-ph+physics").Order());
        Assert.DoesNotContain("2501.00003", T.Ids("neural", "cs.LG+cs.CV-physics.chem-ph"));
    }

    [Fact]
    public void Search_FiltersByDateRangeAndSortsNewestFirst_WhenDateSortRequested()
    {
        var result = T.Index.Searcher.Search(new IndexSearchRequest(null, From: new DateOnly(2025, 1, 11), To: new DateOnly(2025, 2, 2), Sort: IndexSort.Date));

        Assert.Equal(["2501.00005", "2501.00004", "2501.00003", "2501.00002"], result.Hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_ExcludesWithdrawn_UnlessAsked()
    {
        Assert.DoesNotContain("2501.00007", T.Ids("transformer"));
        var all = T.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("transformer"), IncludeWithdrawn: true));
        Assert.Contains("2501.00007", all.Hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_FindsPaperThroughChineseSummary_WhenQueryIsChinese()
    {
        var ids = T.Ids("低分辨率 人脸识别");

        Assert.Equal("2501.00005", Assert.Single(ids));
    }

    [Fact]
    public void Search_PagesResults_WhenOffsetGiven()
    {
        var all = T.Index.Searcher.Search(new IndexSearchRequest(null, Count: 10, Sort: IndexSort.Date));
        var page = T.Index.Searcher.Search(new IndexSearchRequest(null, Offset: 2, Count: 2, Sort: IndexSort.Date));

        Assert.Equal(7, all.Total);
        Assert.Equal(7, page.Total);
        Assert.Equal(all.Hits.Skip(2).Take(2).Select(h => h.Id), page.Hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_MatchesPrefix_WhenWordEndsWithStar()
    {
        Assert.Equal(["2501.00003"], T.Ids("molec*"));
    }

    [Fact]
    public void Search_EncodesHtmlBeforeMarking_WhenTitleContainsScript()
    {
        var hit = Assert.Single(T.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("robust"), Highlight: true)).Hits);

        var title = hit.Highlights!.TitleHtml;
        Assert.DoesNotContain("<script>", title);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", title);
        Assert.Contains("<mark>Robust</mark>", title);
        Assert.Contains("&amp; Friends", title);
        Assert.Contains("<mark>", hit.Highlights.AbstractHtml);
    }

    [Fact]
    public void Highlight_MarksChineseAndEnglishTerms_WhenIdsGiven()
    {
        var h = PaperIndexLifecycleTests.Highlight(T.Index, "residual networks", "2501.00002");

        Assert.Contains("<mark>Residual</mark>", h.TitleHtml);
        Assert.Contains("<mark>networks</mark>", h.AbstractHtml);
    }

    [Fact]
    public void ListByDay_ReturnsEveryPaperOfThatDay_WhenCategoryMatches()
    {
        Assert.Equal(["2501.00007"], T.Index.Searcher.ListByDay(CategoryExpression.Parse("cs.CL"), new DateOnly(2025, 2, 4)));
        Assert.Empty(T.Index.Searcher.ListByDay(CategoryExpression.Parse("cs.CV"), new DateOnly(2025, 2, 4)));
        Assert.Equal(new DateOnly(2025, 2, 4), T.Index.Searcher.LatestDate());
        Assert.Equal(new DateOnly(2025, 2, 2), T.Index.Searcher.LatestDate(CategoryExpression.Parse("cs.CV")));
    }

    [Fact]
    public void SelectTerms_PrefersRareTermsOfTheText_AndSkipsNumbersAndUnknownTerms()
    {
        using var snap = T.Index.Searcher.Snapshot();
        var text = snap.TextOf("2501.00004")!;
        var terms = snap.SelectTerms(text + " 2024 zzunknownword", 5).Select(k => k.Term).ToList();

        // "surface" and "codes" occur twice in the paper and nowhere else: highest tf and idf.
        Assert.Equal(["code", "surfac"], terms.Take(2).Order());
        Assert.DoesNotContain("2024", terms);
        Assert.DoesNotContain("zzunknownword", terms);
        Assert.Null(snap.TextOf("9999.99999"));
        Assert.Empty(snap.SelectTerms("   ", 5));
    }

    [Fact]
    public void SearchLike_FindsPaperSharingKeywords_AndExcludesTheInput()
    {
        using var snap = T.Index.Searcher.Snapshot();
        // In an eight-paper corpus the ten rarest terms are all unique to the paper; twenty reach the shared ones.
        var terms = snap.SelectTerms(snap.TextOf("2501.00002")!, 20);
        var related = snap.SearchLike(terms, new IndexSearchRequest(null), ["2501.00002"], 5).Hits.Select(h => h.Id).ToList();

        Assert.DoesNotContain("2501.00002", related);
        Assert.True(related.Count > 0 && related[0] == "2501.00003",
            string.Join(", ", related) + " | " + string.Join(", ", terms.Select(k => $"{k.Term}:{k.Weight:F2}")));
        var scores = snap.ScoreLike(terms, ["2501.00003", "9999.99999"]);
        Assert.True(scores["2501.00003"] > 0);
        Assert.False(scores.ContainsKey("9999.99999"));
        Assert.NotEmpty(snap.SharedTerms(terms, ["2501.00003"])["2501.00003"]);
    }

    [Fact]
    public void SearchLike_TakesAHundredThousandCharacterText_WithoutQuerySyntaxLimits()
    {
        using var snap = T.Index.Searcher.Snapshot();
        // Quotes, colons, brackets and 15,000 words: query syntax would refuse this; the like-query never parses it.
        var draft = string.Concat(Enumerable.Repeat("\\section{Intro} \"surface codes\": (AND) OR -x* [1] ", 2100)) + snap.TextOf("2501.00004");
        Assert.True(draft.Length >= 100_000);
        var terms = snap.SelectTerms(draft, 25);
        Assert.InRange(terms.Count, 1, 25);
        Assert.Equal("2501.00004", snap.SearchLike(terms, new IndexSearchRequest(null), [], 3).Hits[0].Id);
    }

    [Fact]
    public void SelectTerms_PassesOverTermsBeyondThePostingsBound_KeepingTheBestTerm()
    {
        using var snap = T.Index.Searcher.Snapshot();
        var text = snap.TextOf("2501.00002")!;
        var unbounded = snap.SelectTerms(text, 20, maxPostings: long.MaxValue).Select(k => k.Term).ToList();
        Assert.True(unbounded.Count > 3, string.Join(", ", unbounded));

        // Every term has at least one posting: a bound of 1 keeps only the best term, one of 3 at most three terms.
        Assert.Equal([unbounded[0]], snap.SelectTerms(text, 20, maxPostings: 1).Select(k => k.Term));
        var three = snap.SelectTerms(text, 20, maxPostings: 3).Select(k => k.Term).ToList();
        Assert.InRange(three.Count, 1, 3);
        Assert.Equal(unbounded[0], three[0]);
        Assert.Equal(three, unbounded.Where(three.Contains)); // the bounded terms keep the unbounded order
        // In an eight-paper index the default bound never binds.
        Assert.Equal(unbounded, snap.SelectTerms(text, 20).Select(k => k.Term));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData("cs.CV", false)]
    [InlineData("cs.LG+cs.CL-cs.CV", false)]
    [InlineData("cs.LG+cs.CL-cs.CV", true)]
    public void CountPassingFilters_CountsTheMembersAmongTheFilteredPapers(string? categories, bool includeWithdrawn)
    {
        using var snap = T.Index.Searcher.Snapshot();
        var filters = new IndexSearchRequest(null, categories is null ? null : CategoryExpression.Parse(categories), IncludeWithdrawn: includeWithdrawn);
        // 2501.00007 is withdrawn: counted only when withdrawn papers are included.
        var members = new HashSet<string>(["2501.00001", "2501.00002", "2501.00005", "2501.00007", "9999.99999"]);
        var passing = T.Index.Searcher.Search(filters with { Count = 100 }).Hits.Select(h => h.Id).ToList();

        Assert.Equal(passing.Count(members.Contains), snap.CountPassingFilters(filters, new IdMembership(members.Contains)));
        // A membership is its own set: another one over the same segments counts its own ids.
        Assert.Equal(passing.Count(id => id == "2501.00005"), snap.CountPassingFilters(filters, new IdMembership(id => id == "2501.00005")));
    }
}
