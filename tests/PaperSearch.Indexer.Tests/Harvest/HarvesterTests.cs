using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

public sealed class HarvesterTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("harvest");
    private FakeOaiServer _server = null!;
    private PaperStore _store = null!;
    private PaperIndex _index = null!;
    private TestStore? _postgres;

    public async Task InitializeAsync()
    {
        _server = await FakeOaiServer.StartAsync();
        _server.PageSize = 40; // physics: 150 records -> 4 pages
        _store = await HarvestTestHost.OpenStoreAsync(_dir.Sub("store"));
        _index = await PaperIndex.OpenAsync(_dir.Sub("index"), _store);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _index.Dispose();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>
    /// Tests where the store's behaviour matters (pages and checkpoints committing together, resume, runs, Seq) run on
    /// both providers: for PostgreSQL this swaps in a store and index of its own. Pure HTTP behaviour (spacing,
    /// retries, timeouts) does not depend on the store and runs on SQLite only.
    /// </summary>
    private async Task UseStoreAsync(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite) return;
        _index.Dispose();
        _postgres = await TestStore.OpenAsync(kind, "harvest");
        _store = _postgres.Store;
        _index = await PaperIndex.OpenAsync(_dir.Sub("index-pg"), _store);
    }

    private string Key(string set = "physics") => Harvester.CheckpointKey(_server.Endpoint, "arXiv", set);

    private async Task<HarvestCheckpoint> CheckpointAsync(string set = "physics") => (await _store.GetCheckpointAsync(Key(set)))!;

    private async Task<IReadOnlyList<HarvestRun>> RunsAsync() => await _store.GetRecentRunsAsync(100);

    private static HashSet<string> Expected(string set) => [.. FakeOaiServer.Matching("arXiv", set).Select(r => r.Id)];

    private async Task<HarvestResult> HarvestAsync(Action<HarvestOptions>? configure = null, HarvestRequest? request = null)
    {
        await using var sp = HarvestTestHost.Build(_store, _index, _server.Endpoint, configure);
        return await sp.GetRequiredService<Harvester>().RunAsync(request ?? new HarvestRequest(), null, CancellationToken.None);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_StoresEveryRecordOnce_WhenListsAreSplitIntoPages(StoreKind kind)
    {
        await UseStoreAsync(kind);
        var result = await HarvestAsync(o => o.Sets = ["physics", "cs"]);

        var expected = Expected("physics").Union(Expected("cs")).ToHashSet();
        Assert.Equal(expected, await _store.IdsAsync());
        Assert.Equal(expected, _index.IndexedIds());
        Assert.Equal(expected.Count, _index.Stats().NumDocs);
        Assert.Equal(expected.Count, result.Added);
        var runs = await RunsAsync();
        Assert.Equal([2, 4], runs.Select(r => r.Pages).Order());
        Assert.All(runs, r => Assert.Null(r.Error));
        Assert.Equal(runs[0], await _store.GetLastHarvestRunAsync());
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
        Assert.Null((await _store.GetLastHarvestRunAsync())!.Error);
        Assert.Equal("2026-01-11", (await CheckpointAsync()).FromDate);
    }

    [Fact]
    public async Task RunAsync_KeepsMinimumSpacing_WhenSpacingConfigured()
    {
        await HarvestAsync(o => o.MinRequestSpacing = TimeSpan.FromMilliseconds(250));

        var times = _server.Requests.Select(r => r.At).ToList();
        Assert.Equal(4, times.Count);
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        // The first request also opens the connection, so arrival gaps jitter by some tens of ms around the spacing.
        Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromMilliseconds(190), $"gap {g.TotalMilliseconds} ms"));
        Assert.True(times[^1] - times[0] >= TimeSpan.FromMilliseconds(3 * 250 - 60));
    }

    [Fact]
    public async Task RunAsync_WaitsRetryAfterAndCompletes_When503()
    {
        _server.Fault(page: 1, OaiFault.ServiceUnavailable);

        await HarvestAsync();

        Assert.Equal(Expected("physics"), await _store.IdsAsync());
        Assert.Equal(2, _server.Hits(1));
        var times = _server.Requests.Select(r => r.At).ToList();
        Assert.True(times[2] - times[1] >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
    }

    [Fact]
    public async Task RunAsync_BacksOffAndCompletes_When429()
    {
        _server.Fault(page: 2, OaiFault.TooManyRequests, times: 2);

        await HarvestAsync();

        Assert.Equal(Expected("physics"), await _store.IdsAsync());
        Assert.Equal(3, _server.Hits(2));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_FailsClearlyKeepingEarlierPages_WhenRetryAfterExceedsCap(StoreKind kind)
    {
        await UseStoreAsync(kind);
        _server.Fault(page: 1, OaiFault.ServiceUnavailableForAnHour);

        var e = await Assert.ThrowsAsync<OaiHarvestException>(() => HarvestAsync());

        Assert.Contains("Retry-After", e.Message);
        Assert.Contains("3600", e.Message);
        Assert.Equal(1, _server.Hits(1)); // not retried
        Assert.Equal(40, await _store.CountAsync());
        Assert.Equal(1, (await CheckpointAsync()).PagesDone);
        Assert.NotNull((await CheckpointAsync()).ResumptionToken);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(e.Message, run.Error);
        Assert.Equal(1, run.Pages);
        Assert.Equal(40, run.Added);
    }

    [Fact]
    public async Task RunAsync_RetriesAndCompletes_WhenConnectionResetMidBody()
    {
        _server.Fault(page: 1, OaiFault.ResetMidBody);
        _server.Fault(page: 3, OaiFault.ResetMidBody);

        await HarvestAsync();

        Assert.Equal(Expected("physics"), await _store.IdsAsync());
        Assert.Equal(2, _server.Hits(1));
        Assert.Equal(4, (await _store.GetLastHarvestRunAsync())!.Pages);
    }

    [Fact]
    public async Task RunAsync_RefetchesAndCompletes_WhenPageTruncatedOnce()
    {
        _server.Fault(page: 2, OaiFault.TruncatedXml);

        await HarvestAsync();

        Assert.Equal(Expected("physics"), await _store.IdsAsync());
        Assert.Equal(2, _server.Hits(2));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_FailsWithErrorPositionAndResumes_WhenPageStaysTruncated(StoreKind kind)
    {
        await UseStoreAsync(kind);
        _server.Fault(page: 2, OaiFault.TruncatedXml, times: 10);

        var e = await Assert.ThrowsAsync<OaiHarvestException>(() => HarvestAsync(o => o.MalformedPageRetries = 2));

        Assert.Matches(@"not well-formed XML at line \d+, position \d+", e.Message);
        Assert.Equal(3, _server.Hits(2));
        Assert.Equal(80, await _store.CountAsync()); // pages 0 and 1 stay committed
        Assert.Equal(2, (await CheckpointAsync()).PagesDone);

        _server.Fault(page: 2, OaiFault.TruncatedXml, times: 0);
        var second = await HarvestAsync();

        Assert.Equal(Expected("physics"), await _store.IdsAsync());
        Assert.Equal(1, _server.Hits(0)); // resumed from the token, not from the start
        Assert.Equal(await _store.CountAsync(), 80 + second.Added);
        Assert.Equal(150, await _store.MaxSeqAsync()); // every paper written exactly once across both runs
        Assert.Equal(Expected("physics"), _index.IndexedIds());
        Assert.Equal(150, _index.Stats().NumDocs);
        Assert.Equal(0, second.Updated);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RunAsync_RestartsListFromCheckpointFrom_WhenTokenExpired(StoreKind kind)
    {
        await UseStoreAsync(kind);
        _server.Fault(page: 2, OaiFault.ExpiredToken);

        await HarvestAsync(o => o.InitialFrom = new DateOnly(2015, 1, 16));

        Assert.Equal(Expected("physics"), await _store.IdsAsync());
        var starts = _server.Requests.Select(r => QueryHelpers.ParseQuery(r.Query)).Where(q => q.ContainsKey("metadataPrefix")).ToList();
        Assert.Equal(2, starts.Count);
        Assert.All(starts, q => Assert.Equal("2015-01-16", q["from"].ToString()));
        Assert.Null(Assert.Single(await RunsAsync()).Error);
    }

    [Fact]
    public async Task RunAsync_FailsClearly_WhenTokenKeepsExpiring()
    {
        _server.Fault(page: 1, OaiFault.ExpiredToken, times: 10);

        var e = await Assert.ThrowsAsync<OaiHarvestException>(() => HarvestAsync(o => o.MaxListRestarts = 1));

        Assert.Contains("badResumptionToken", e.Message);
        Assert.Equal(2, _server.Hits(0));
    }

    [Fact]
    public async Task RunAsync_RetriesAndCompletes_WhenResponseSlowerThanTimeout()
    {
        // A timeout with room for a loaded machine: only the deliberately slow answer may time out.
        _server.SlowDelay = TimeSpan.FromSeconds(4);
        _server.Fault(page: 1, OaiFault.Slow);

        await HarvestAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1.5));

        Assert.Equal(Expected("physics"), await _store.IdsAsync());
        Assert.Equal(2, _server.Hits(1));
    }

    [Fact]
    public async Task RunAsync_FailsClearly_WhenEveryAttemptTimesOut()
    {
        _server.SlowDelay = TimeSpan.FromSeconds(1.5);
        _server.Fault(page: 0, OaiFault.Slow, times: 2);

        var e = await Assert.ThrowsAsync<OaiHarvestException>(() => HarvestAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        }));

        Assert.Contains("no complete response within 0.3 s", e.Message);
        Assert.Equal(0, await _store.CountAsync());
    }

    [Fact]
    public async Task RunAsync_FailsAfterRetries_WhenServerKeepsAnswering500()
    {
        _server.Fault(page: 1, OaiFault.InternalError, times: 10);

        var e = await Assert.ThrowsAsync<OaiHarvestException>(() => HarvestAsync(o => o.MaxRetries = 2));

        Assert.Contains("500", e.Message);
        Assert.Equal(3, _server.Hits(1));
        Assert.Equal(40, await _store.CountAsync());
    }

    [Fact]
    public async Task RunAsync_FailsWithOaiErrorCode_WhenServerAnswersBadArgument()
    {
        _server.Fault(page: 0, OaiFault.BadArgument);

        var e = await Assert.ThrowsAsync<OaiHarvestException>(() => HarvestAsync());

        Assert.Contains("badArgument", e.Message);
        Assert.Equal(0, await _store.CountAsync());
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
