using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>Paging, checkpoints, resume and run records: what the store keeps of a harvest, on both providers.</summary>
public sealed class HarvesterTests : HarvesterTestBase
{
    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_StoresEveryRecordOnce_WhenListsAreSplitIntoPages(StoreKind kind)
    {
        await UseStoreAsync(kind);
        var result = await HarvestAsync(o => o.Sets = ["physics", "cs"]);

        var expected = Expected("physics").Union(Expected("cs")).ToHashSet();
        Assert.Equal(expected, await _store.IdsAsync());
        Assert.Equal(expected, _index.IndexedIds());
        Assert.Equal(expected.Count, _index.Searcher.Stats().NumDocs);
        Assert.Equal(expected.Count, result.Added);
        var runs = await RunsAsync();
        Assert.Equal([2, 4], runs.Select(r => r.Pages).Order());
        Assert.All(runs, r => Assert.Null(r.Error));
        Assert.Equal(runs[0], (await _store.GetRecentRunsAsync(1)).FirstOrDefault());
        // A resumption request carries ONLY verb + resumptionToken (the server answers badArgument otherwise).
        var resumptions = _server.Requests.Select(r => QueryHelpers.ParseQuery(r.Query)).Where(q => q.ContainsKey("resumptionToken")).ToList();
        Assert.Equal(4, resumptions.Count);
        Assert.All(resumptions, q => Assert.Equal(["resumptionToken", "verb"], q.Keys.Order()));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_StartsNextListAtServerResponseDate_WhenPreviousRunCompleted(StoreKind kind)
    {
        await UseStoreAsync(kind);
        await HarvestAsync(o => o.InitialFrom = new DateOnly(2015, 1, 1));
        var checkpoint = await CheckpointAsync();
        Assert.Null(checkpoint.ResumptionToken);
        Assert.Equal("2026-01-10", checkpoint.FromDate); // server's responseDate, not this machine's clock

        _server.ResponseDate = new DateTimeOffset(2026, 1, 11, 1, 0, 0, TimeSpan.Zero);
        var second = await HarvestAsync();

        var last = QueryHelpers.ParseQuery(_server.Requests.Last().Query);
        Assert.Equal("2026-01-10", last["from"].ToString());
        Assert.Equal("physics", last["set"].ToString());
        Assert.Equal("arXiv", last["metadataPrefix"].ToString());
        // noRecordsMatch is a successful, empty run that still moves `from` on.
        Assert.Equal(0, second.Added);
        Assert.Null(((await _store.GetRecentRunsAsync(1)).FirstOrDefault())!.Error);
        Assert.Equal("2026-01-11", (await CheckpointAsync()).FromDate);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_UsesExplicitFromOverCheckpoint_WhenRequestGivesFrom(StoreKind kind)
    {
        await UseStoreAsync(kind);
        await HarvestAsync();
        var from = new DateOnly(2015, 1, 17);

        await HarvestAsync(request: new HarvestRequest { From = from, Sets = ["cs"] });

        var last = QueryHelpers.ParseQuery(_server.Requests.Last().Query);
        Assert.Equal("2015-01-17", last["from"].ToString());
        Assert.Equal("cs", last["set"].ToString());
        Assert.Superset(FakeOaiServer.Matching("arXiv", "cs", from).Select(r => r.Id).ToHashSet(), await _store.IdsAsync());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_StoresWithdrawnFlagAndIndexHidesPaper_WhenArXivRawLatestVersionIsWithdrawn(StoreKind kind)
    {
        await UseStoreAsync(kind);
        _server.PageSize = 100;

        await HarvestAsync(o => { o.MetadataPrefix = "arXivRaw"; o.Sets = ["cs", "math"]; });

        var withdrawn = new[] { "0803.4354" }; // arXivRaw v2: 0kb, "This paper has been withdrawn"
        var stored = await _store.GetAsync(withdrawn[0]);
        Assert.NotNull(stored);
        Assert.True(stored.Withdrawn);
        Assert.True(stored.Versions.Count >= 2);
        Assert.Contains(withdrawn[0], _index.IndexedIds(includeWithdrawn: true));
        Assert.DoesNotContain(withdrawn[0], _index.IndexedIds(includeWithdrawn: false));
        Assert.Equal(FakeOaiServer.Matching("arXivRaw", "cs").Concat(FakeOaiServer.Matching("arXivRaw", "math")).Select(r => r.Id).ToHashSet(),
            await _store.IdsAsync());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_StopsAndRecordsCancelledRun_WhenTokenCancelledMidRun(StoreKind kind)
    {
        await UseStoreAsync(kind);
        _server.PageDelay = TimeSpan.FromMilliseconds(300);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfterFirstPage(cts);

        await using (var sp = HarvestTestHost.Build(_store, _index, _server.Endpoint))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                sp.GetRequiredService<Harvester>().RunAsync(new HarvestRequest(), progress, cts.Token));

        var run = Assert.Single(await RunsAsync());
        Assert.Equal("cancelled", run.Error);
        Assert.Equal(1, run.Pages);
        Assert.Equal(40, await _store.CountAsync());
        Assert.Equal(1, (await CheckpointAsync()).PagesDone);
    }

    private sealed class CancelAfterFirstPage(CancellationTokenSource cts) : IProgress<HarvestProgress>
    {
        public void Report(HarvestProgress value) => cts.Cancel();
    }
}
