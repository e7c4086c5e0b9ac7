using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Store;

public sealed class StoreCopyTests
{
    private static readonly AiSummary Summary = new("要点", "动机", "方法", "结果", "结论");

    /// <summary>A SQLite store with something in every table: papers (one deleted), summaries (one waiting for its paper), embeddings of two models, a projection, harvest state.</summary>
    private static async Task<TestStore> SourceAsync(int papers = 2300)
    {
        var source = await TestStore.OpenAsync(StoreKind.Sqlite, "copy-src");
        var s = source.Store;
        await s.UpsertAsync([.. Enumerable.Range(1, papers).Select(i => Make($"2503.{i:00000}", $"Paper {i}", listed: new DateOnly(2025, 3, 1 + i % 28)))]);
        await s.UpsertSummariesAsync([("2503.00002", Summary, "ai.jsonl"), ("2599.99999", Summary, "ai.jsonl")]);
        await s.MarkDeletedAsync(["2503.00003"]);
        await s.UpsertEmbeddingsAsync("m", [.. Enumerable.Range(1, 1500).Select(i => ($"2503.{i:00000}", new[] { i, -i, 0.5f }))]);
        await s.UpsertEmbeddingsAsync("other", [("2503.00001", new[] { 1f })]);
        await s.SaveProjectionAsync(new StoredProjection("m", 2, 3, [1, 2, 3, 4], DateTimeOffset.UtcNow, 1500, 0.75));
        await s.SaveCheckpointAsync(new HarvestCheckpoint("oai|arXiv|cs", "2025-03-01", "tok", 3, "2025-03-02T00:00:00Z", DateTimeOffset.UtcNow));
        await s.SaveRunAsync(new HarvestRun(0, "oai|arXiv|cs", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, Added: 7, Pages: 3));
        await s.SaveRunAsync(new HarvestRun(0, "oai|arXiv|cs", DateTimeOffset.UtcNow, Error: "boom"));
        await s.CreateSavedLibraryAsync(SavedLibrary.HashToken("live"), ["2503.00001", "2503.00002"], ["2503.00004"], "cs.CV", "Vision");
        await s.CreateSavedLibraryAsync(SavedLibrary.HashToken("revoked"), ["2503.00005"], [], null, null);
        await s.RevokeSavedLibraryAsync(SavedLibrary.HashToken("revoked"));
        return source;
    }

    [PostgresFact]
    public async Task RunAsync_CopiesEveryTableExactlyOnce_WhenRunTwice()
    {
        await using var source = await SourceAsync();
        await using var target = await TestStore.OpenAsync(StoreKind.Postgres, "copy-dst");
        var progress = new List<StoreCopyProgress>();

        var first = await new StoreCopy(source.Store, target.Store).RunAsync(force: false, new SyncProgress(progress));
        var second = await new StoreCopy(source.Store, target.Store).RunAsync(force: false);

        Assert.True(first.Verified);
        Assert.Equal(await StoreCopy.CountAsync(source.Store), await StoreCopy.CountAsync(target.Store));
        Assert.Equal(2300, first.Tables.Single(t => t.Table == "papers").Written);
        Assert.Equal(1501, first.Tables.Single(t => t.Table == "embeddings").Written);
        Assert.True(second.Verified);
        Assert.All(second.Tables.Where(t => t.Table is "papers" or "summaries" or "embeddings"), t => Assert.Equal(0, t.Written));
        Assert.Contains(progress, p => p is { Table: "papers", Done: 2300, Total: 2300 });

        // Rows are equal, Seq included (so an index built on the source stays valid over the target).
        var t = target.Store;
        Assert.Equal(await source.Store.MaxSeqAsync(), await t.MaxSeqAsync());
        Assert.Equal(await source.Store.StreamChangedSinceAsync(2200).Select(Describe).ToListAsync(),
                     await t.StreamChangedSinceAsync(2200).Select(Describe).ToListAsync());
        Assert.Null(await t.GetAsync("2503.00003"));
        Assert.Equal(Summary, (await t.GetSummaryAsync("2599.99999"))!.Summary);
        Assert.Equal(new[] { 1234f, -1234f, 0.5f }, await t.GetEmbeddingAsync("2503.01234", "m"));
        Assert.Equal([1, 2, 3, 4], (await t.GetProjectionAsync("m"))!.Data);
        Assert.Equal("tok", (await t.GetCheckpointAsync("oai|arXiv|cs"))!.ResumptionToken);
        Assert.Equal(["boom", null], (await t.GetRecentRunsAsync(10)).Select(r => r.Error));
        Assert.Equal(2, first.Tables.Single(x => x.Table == "saved_libraries").Written);
        Assert.Equal(0, second.Tables.Single(x => x.Table == "saved_libraries").Written);
        var library = await t.GetSavedLibraryAsync(SavedLibrary.HashToken("live"));
        Assert.Equal(["2503.00001", "2503.00002"], library!.Positives);
        Assert.Equal(["2503.00004"], library.Negatives);
        Assert.Equal(("cs.CV", "Vision"), (library.Categories, library.Name));
        Assert.Null(await t.GetSavedLibraryAsync(SavedLibrary.HashToken("revoked"))); // still revoked
        // A library changed on the source since is copied again by the next run.
        await source.Store.UpdateSavedLibraryAsync(SavedLibrary.HashToken("live"), ["2503.00007"], [], null, "Renamed");
        var third = await new StoreCopy(source.Store, target.Store).RunAsync(force: false);
        Assert.Equal(1, third.Tables.Single(x => x.Table == "saved_libraries").Written);
        Assert.Equal("Renamed", (await t.GetSavedLibraryAsync(SavedLibrary.HashToken("live")))!.Name);
        // Libraries saved on the target after the copy get fresh ids.
        Assert.True((await t.CreateSavedLibraryAsync(SavedLibrary.HashToken("new"), ["2503.00001"], [], null, null)).Id > library.Id);
        // The target keeps numbering runs after the copied ones.
        var next = await t.SaveRunAsync(new HarvestRun(0, "k", DateTimeOffset.UtcNow));
        Assert.Equal(3, next.Id);
    }

    [PostgresFact]
    public async Task RunAsync_RefusesTargetWithOtherData_UnlessForced()
    {
        await using var source = await SourceAsync(papers: 50);
        await using var target = await TestStore.OpenAsync(StoreKind.Postgres, "copy-foreign");
        await target.Store.UpsertAsync([Make("2401.00001", "Only in the target")]);

        var e = await Assert.ThrowsAsync<StoreCopyRefusedException>(() => new StoreCopy(source.Store, target.Store).RunAsync(force: false));
        var forced = await new StoreCopy(source.Store, target.Store).RunAsync(force: true);

        Assert.Contains("2401.00001", e.Message);
        Assert.Contains("--force", e.Message);
        Assert.True(forced.Verified);
        Assert.Null(await target.Store.GetAsync("2401.00001"));
        Assert.Equal(49, await target.Store.CountAsync());
    }

    private static string Describe(PaperChange c) => $"{c.Seq}|{c.Paper.Id}|{c.Paper.Title}|{c.Paper.ListingDate}|{c.Deleted}|{c.Summary?.Tldr}";

    /// <summary>Records reports on the reporting thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class SyncProgress(List<StoreCopyProgress> into) : IProgress<StoreCopyProgress>
    {
        public void Report(StoreCopyProgress value) => into.Add(value);
    }
}
