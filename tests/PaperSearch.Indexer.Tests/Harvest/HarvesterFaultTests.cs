using Microsoft.AspNetCore.WebUtilities;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>HTTP behaviour of the harvester against a misbehaving server: spacing, Retry-After, resets, truncation,
/// expired tokens, timeouts and OAI errors.</summary>
public sealed class HarvesterFaultTests : HarvesterTestBase
{
    [Fact]
    public async Task RunAsync_KeepsMinimumSpacing_WhenSpacingConfigured()
    {
        await HarvestAsync(o => o.MinRequestSpacing = TimeSpan.FromMilliseconds(250));

        var times = _server.Requests.Select(r => r.At).ToList();
        Assert.Equal(4, times.Count);
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        // The gate spaces the sends; arrivals at the server jitter by some tens of ms around the spacing (the first request
        // also opens the connection, and a loaded machine delays a send by up to ~70 ms), so one gap is checked loosely
        // and the whole run, which jitter cannot shorten on average, strictly.
        Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromMilliseconds(175), $"gap {g.TotalMilliseconds} ms"));
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
        Assert.Equal(4, ((await _store.GetRecentRunsAsync(1)).FirstOrDefault())!.Pages);
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
        Assert.Equal(150, _index.Searcher.Stats().NumDocs);
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
}
