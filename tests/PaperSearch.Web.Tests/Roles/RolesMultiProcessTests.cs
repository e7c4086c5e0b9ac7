using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PaperSearch.Indexer.Tests.Harvest;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Web.Tests.Roles;

/// <summary>
/// One <c>indexer</c> and two <c>web</c> processes of the real executable on one data dir (index) and one store,
/// harvesting from the local OAI-PMH server: the harvest must reach both replicas within the refresh interval, and
/// killing one replica (SIGKILL) must not disturb the other.
/// </summary>
public sealed class RolesMultiProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int RefreshSeconds = 2;
    /// <summary>
    /// Polling granularity, page commits and two cores shared with the other test assemblies' child processes: what a
    /// replica may lag beyond its refresh interval. A quiet machine measures 0.8 s in all; a stale replica (one that
    /// never refreshes, or only on restart) still fails.
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDir _dir = new("roles");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public Task IndexerAndTwoWebReplicas_ServeHarvestWithinRefreshInterval_WhenStoreIsSqlite() =>
        RunAsync(new Dictionary<string, string>());

    [PostgresFact]
    public async Task IndexerAndTwoWebReplicas_ServeHarvestWithinRefreshInterval_WhenStoreIsPostgres()
    {
        await using var db = await TestPostgres.CreateAsync("roles");
        await RunAsync(new Dictionary<string, string>
        {
            ["PaperSearch__Store"] = "postgres",
            ["ConnectionStrings__PaperSearch"] = db.ConnectionString,
        });
    }

    private async Task RunAsync(Dictionary<string, string> store)
    {
        await using var oai = await FakeOaiServer.StartAsync();
        oai.PageSize = 20;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        oai.Gate = gate.Task; // the indexer's first harvest waits until both replicas are up and watched
        var expected = FakeOaiServer.Matching("arXiv", "cs").Select(r => r.Id).Distinct().ToList();
        var environment = new Dictionary<string, string>(store)
        {
            ["Harvest__Endpoint"] = oai.Endpoint.ToString(),
            ["Harvest__Sets__0"] = "cs",
            ["Harvest__MinRequestSpacing"] = "00:00:00",
            ["Jobs__HarvestCron"] = "*/2 * * * * *", // Hangfire 1.8 takes a seconds field
            ["Harvest__FirstRunDays"] = "0", // the test harvests 2015 fixtures itself: no first run (it would checkpoint at today)
            ["Jobs__ReindexCron"] = "",
            ["Index__RefreshSeconds"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Embedding__Model"] = "none", // BM25 only: three processes on two cores start faster
            ["RateLimit__Enabled"] = "false",
        };
        var data = _dir.Sub("data");

        await using var indexer = AppProcess.Start("indexer", "indexer", data, environment);
        await indexer.WaitHealthyAsync(StartTimeout); // it migrates the store and publishes the first generation
        await using var web1 = AppProcess.Start("web1", "web", data, environment);
        await using var web2 = AppProcess.Start("web2", "web", data, environment);
        await Task.WhenAll(web1.WaitHealthyAsync(StartTimeout), web2.WaitHealthyAsync(StartTimeout));

        // The indexer serves no site; the replicas do (and have nothing yet).
        Assert.Equal(HttpStatusCode.NotFound, (await indexer.Http.GetAsync("api/search?q=graph")).StatusCode);
        Assert.Equal(0, await TotalAsync(web1, "cat:cs"));

        var clock = Stopwatch.StartNew();
        using var stopWatching = new CancellationTokenSource();
        var commits = WatchCommitsAsync(indexer, clock, stopWatching.Token);
        gate.SetResult();
        var seen = await Task.WhenAll(WhenDocumentsAsync(web1, expected.Count, clock), WhenDocumentsAsync(web2, expected.Count, clock));
        await stopWatching.CancelAsync();
        var timeline = await commits;
        foreach (var (at, seq) in seen)
        {
            // Lag from the indexer's commit of exactly what the replica shows (the commit delay itself is not the replica's).
            var committed = timeline.First(c => c.Seq >= seq).At;
            output.WriteLine($"{expected.Count} papers (seq {seq}): committed by the indexer at {committed.TotalSeconds:F2} s, " +
                             $"visible in a replica at {at.TotalSeconds:F2} s (refresh every {RefreshSeconds} s)");
            Assert.InRange(at - committed, TimeSpan.Zero, TimeSpan.FromSeconds(RefreshSeconds) + Slack);
        }

        // Searchable through either replica, not only counted: the last paper of the last page, by id.
        foreach (var web in new[] { web1, web2 })
            Assert.Equal(expected[^1], await FirstHitAsync(web, expected[^1]));
        // Both replicas answer a search alike (withdrawn papers are indexed but not listed by default).
        var total = await TotalAsync(web2, "cat:cs");
        Assert.InRange(total, expected.Count - 5, expected.Count);
        Assert.Equal(total, await TotalAsync(web1, "cat:cs"));

        web1.Kill();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(total, await TotalAsync(web2, "cat:cs"));
            Assert.Equal(HttpStatusCode.OK, (await web2.Http.GetAsync("health/ready")).StatusCode);
        }
        Assert.True(web1.HasExited);
        Assert.False(web2.HasExited);
        foreach (var app in new[] { indexer, web2 })
        {
            var log = app.Output;
            Assert.DoesNotContain("LockObtainFailed", log);
            Assert.DoesNotContain("database is locked", log);
            Assert.DoesNotContain("crit:", log);
            Assert.DoesNotContain("fail:", log);
        }
    }

    /// <summary>When <c>/health/ready</c> first reports <paramref name="count"/> documents (on <paramref name="clock"/>), and the Seq of that commit.</summary>
    private static async Task<(TimeSpan At, long Seq)> WhenDocumentsAsync(AppProcess app, int count, Stopwatch clock)
    {
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(90);
        var last = -1;
        while (clock.Elapsed < deadline)
        {
            var (documents, seq) = await IndexStateAsync(app);
            if ((last = documents) >= count) return (clock.Elapsed, seq);
            await Task.Delay(50);
        }
        throw new TimeoutException($"{app.Name} shows {last} of {count} documents after 90 s:\n{app.Output}");
    }

    /// <summary>The indexer's committed Seq over time: when each commit became durable (and visible to replicas).</summary>
    private static async Task<List<(TimeSpan At, long Seq)>> WatchCommitsAsync(AppProcess indexer, Stopwatch clock, CancellationToken ct)
    {
        var timeline = new List<(TimeSpan, long)>();
        try
        {
            while (true)
            {
                var (_, seq) = await IndexStateAsync(indexer, ct);
                timeline.Add((clock.Elapsed, seq));
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return timeline; }
    }

    private static async Task<(int Documents, long CommittedSeq)> IndexStateAsync(AppProcess app, CancellationToken ct = default)
    {
        var index = (await app.Http.GetFromJsonAsync<JsonElement>("health/ready", ct)).GetProperty("checks").GetProperty("index").GetProperty("data");
        return (index.GetProperty("documents").GetInt32(), index.GetProperty("committedSeq").GetInt64());
    }

    private static async Task<int> TotalAsync(AppProcess app, string query) =>
        (await app.Http.GetFromJsonAsync<JsonElement>($"api/search?mode=bm25&q={Uri.EscapeDataString(query)}")).GetProperty("total").GetInt32();

    private static async Task<string?> FirstHitAsync(AppProcess app, string query)
    {
        var hits = (await app.Http.GetFromJsonAsync<JsonElement>($"api/search?mode=bm25&q={Uri.EscapeDataString(query)}")).GetProperty("hits");
        return hits.GetArrayLength() == 0 ? null : hits[0].GetProperty("id").GetString();
    }
}
