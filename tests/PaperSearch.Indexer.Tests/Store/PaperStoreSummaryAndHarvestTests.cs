using Microsoft.EntityFrameworkCore;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Store;

public sealed class PaperStoreSummaryAndHarvestTests
{
    private static readonly AiSummary Summary = new("低分辨率人脸识别", "动机", "方法", "结果", "结论");

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertSummariesAsync_KeepsSummaryUntilPaperArrives_WhenSummaryComesFirst(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;

        var changed = await store.UpsertSummariesAsync([("2503.00001", Summary, "ai.jsonl")]);
        await store.UpsertAsync([Make("2503.00001")]);

        Assert.Equal(1, changed);
        Assert.Equal(Summary, (await store.GetSummaryAsync("2503.00001"))!.Summary);
        var change = Assert.Single(await store.StreamChangedSinceAsync(0).ToListAsync());
        Assert.Equal(Summary, change.Summary);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertSummariesAsync_BumpsPaperSeqOnlyOnChange_WhenPaperExists(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        await store.UpsertAsync([Make("2503.00001"), Make("2503.00002")]);
        var before = await store.MaxSeqAsync();

        await store.UpsertSummariesAsync([("2503.00002", Summary, "a")]);
        var afterFirst = await store.MaxSeqAsync();
        var again = await store.UpsertSummariesAsync([("2503.00002", Summary, "a")]);

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(0, again);
        Assert.Equal(afterFirst, await store.MaxSeqAsync());
        Assert.Equal("2503.00002", Assert.Single(await store.StreamChangedSinceAsync(before).ToListAsync()).Paper.Id);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_CommitsCheckpointWithPapers_WhenCheckpointGiven(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        var cp = new HarvestCheckpoint("oai|arXiv|cs", "2025-03-01", "token|1001", 1, "2025-03-02T00:00:00Z", DateTimeOffset.UtcNow);

        await store.UpsertAsync([Make("2503.00001")], cp);
        await store.UpsertAsync([], cp with { ResumptionToken = null, PagesDone = 2 });

        var saved = await store.GetCheckpointAsync("oai|arXiv|cs");
        Assert.Equal(2, saved!.PagesDone);
        Assert.Null(saved.ResumptionToken);
        Assert.Equal(1, await store.CountAsync());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_RollsBackPapers_WhenCheckpointWriteFails(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        // A key longer than the model allows is not enforced by SQLite, so break the write with a NOT NULL violation.
        var bad = new HarvestCheckpoint("k", null!, null, 1, null, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<DbUpdateException>(() => store.UpsertAsync([Make("2503.00001")], bad));

        Assert.Equal(0, await store.CountAsync());
        Assert.Null(await store.GetCheckpointAsync("k"));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task SaveRunAsync_AssignsIdAndUpdates_WhenSavedTwice(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;

        var run = await store.SaveRunAsync(new HarvestRun(0, "k", DateTimeOffset.UtcNow, FromDate: "2025-03-01"));
        await store.SaveRunAsync(run with { FinishedAt = DateTimeOffset.UtcNow, Added = 5, Pages = 2 });

        var saved = Assert.Single(await store.GetRecentRunsAsync(10, "k"));
        Assert.True(run.Id > 0);
        Assert.Equal((5, 2), (saved.Added, saved.Pages));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertEmbeddingsAsync_RoundTripsVectors_WhenReplaced(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        await store.UpsertAsync([Make("2503.00001"), Make("2503.00002")]);

        await store.UpsertEmbeddingsAsync("m", [("2503.00001", new[] { 1f, 2f })]);
        await store.UpsertEmbeddingsAsync("m", [("2503.00001", new[] { 3f, -4.5f })]);

        var vector = await store.GetEmbeddingAsync("2503.00001", "m");
        Assert.Equal(new[] { 3f, -4.5f }, vector);
        Assert.Equal(["2503.00002"], await store.GetIdsMissingEmbeddingAsync("m", 10));
        Assert.Single(await store.StreamEmbeddingsAsync("m").ToListAsync());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task SaveProjectionAsync_ReplacesPreviousFit_WhenSavedTwiceForModel(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        var fit = new StoredProjection("m", 64, 384, [1, 2, 3], DateTimeOffset.UtcNow, 100, 0.8);

        await store.SaveProjectionAsync(fit);
        await store.SaveProjectionAsync(fit with { Rank = 32, Data = [9] });

        var saved = await store.GetProjectionAsync("m");
        Assert.Equal(32, saved!.Rank);
        Assert.Equal([9], saved.Data);
        Assert.Null(await store.GetProjectionAsync("other"));
    }
}
