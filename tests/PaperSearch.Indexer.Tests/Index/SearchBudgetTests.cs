using PaperSearch.Indexer.Index;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Index;

public sealed class SearchBudgetTests
{
    private const int Papers = 2000;

    private static async Task<TestIndex> CreateAsync(TimeProvider clock)
    {
        var t = await TestIndex.CreateAsync(Enumerable.Range(1, Papers)
            .Select(i => Make($"2501.{i:00000}", $"Graphs and networks {i}", listed: new DateOnly(2025, 1, 1).AddDays(i % 300))).ToList());
        await t.ReopenAsync(clock);
        return t;
    }

    [Theory]
    [InlineData(IndexSort.Relevance)]
    [InlineData(IndexSort.Date)]
    public async Task Search_ReturnsBestHitsSoFarFlaggedPartial_WhenTimeBudgetRunsOut(IndexSort sort)
    {
        // Each clock read is 10 ms: the budget of 100 ms is spent after ~10 checks (one per 64 documents collected).
        using var t = await CreateAsync(new SteppingClock(TimeSpan.FromMilliseconds(10)));

        var cut = t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("graphs"), Sort: sort, Count: 50, TimeBudget: TimeSpan.FromMilliseconds(100)));
        var whole = t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("graphs"), Sort: sort, Count: 50));

        Assert.True(cut.Partial);
        Assert.InRange(cut.Total, 50, Papers / 2);
        Assert.Equal(50, cut.Hits.Count);
        Assert.Equal(cut.Hits.Count, cut.Hits.Select(h => h.Id).Distinct().Count());
        Assert.False(whole.Partial);
        Assert.Equal(Papers, whole.Total);
    }

    [Fact]
    public async Task Search_IsComplete_WhenBudgetIsAmple()
    {
        using var t = await CreateAsync(TimeProvider.System);

        var result = t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("graphs"), Count: 10, TimeBudget: TimeSpan.FromSeconds(30)));

        Assert.False(result.Partial);
        Assert.Equal(Papers, result.Total);
    }

    [Theory]
    [InlineData("a*", "too short a prefix")]
    [InlineData("ti:x*", "too short a prefix")]
    [InlineData("ab* cd* ef* gh* ij* kl* mn* op* qr*", "more than 8 prefix")]
    public void Build_RejectsExpensivePrefixes_WithActionableMessage(string query, string expected)
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => PaperQuery.Parse(query));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Position > 0);
    }

    [Theory]
    [InlineData("tr*")]
    [InlineData("ab* cd* ef* gh* ij* kl* mn* op*")]
    public void Build_AcceptsPrefixes_WhenWithinBounds(string query) => Assert.NotNull(PaperQuery.Parse(query));
}
