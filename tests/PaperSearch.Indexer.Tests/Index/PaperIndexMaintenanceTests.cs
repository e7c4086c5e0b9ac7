using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Index;

public sealed class PaperIndexMaintenanceTests
{
    [Fact]
    public async Task ForceMergeAsync_LeavesOneSegmentWithoutDeletes_WhenManyCommitsAndUpdates()
    {
        using var t = await TestIndex.CreateAsync();
        // Each catch-up commits a segment; updates leave deleted documents behind.
        for (var round = 0; round < 6; round++)
        {
            await t.Store.UpsertAsync(Enumerable.Range(0, 20).Select(i => Make($"2501.{round * 20 + i:00000}", $"Paper {round} {i} on sparse coding")).ToList());
            await t.Store.UpsertAsync([Make("2501.00000", $"Revision {round} of the first paper", version: round + 2)]);
            await t.Index.CatchUpAsync();
        }
        var before = t.Index.Searcher.Stats();
        Assert.True(before.Segments > 1, $"expected several segments, got {before.Segments}");

        var result = await t.Index.ForceMergeAsync(1);

        var after = t.Index.Searcher.Stats();
        Assert.Equal((before.Segments, 1), (result.SegmentsBefore, result.SegmentsAfter));
        Assert.Equal(1, after.Segments);
        Assert.Equal(120, after.NumDocs);
        Assert.Equal(after.NumDocs, after.MaxDoc);
        Assert.Equal(["2501.00000"], t.Ids("revision"));
        await t.ReopenAsync();
        Assert.Equal(1, t.Index.Searcher.Stats().Segments);
    }

    [Fact]
    public async Task ForceMergeAsync_Throws_WhenCancelledBeforeStart()
    {
        using var t = await TestIndex.CreateAsync([Make("2501.00001", "Alpha")]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Index.ForceMergeAsync(1, cts.Token));
        Assert.Equal(1, t.Index.Searcher.Stats().NumDocs);
    }
}
