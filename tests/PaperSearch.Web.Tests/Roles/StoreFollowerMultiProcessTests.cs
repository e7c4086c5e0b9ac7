using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaperSearch.Indexer.Tests.Harvest;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Web.Tests.Roles;

/// <summary>
/// Search replicas on other hosts (<c>--role web</c>, <c>Index:Source=store</c>): one <c>indexer</c> and two replicas of
/// the real executable, each with its own data dir and no folder shared with anyone, only a private PostgreSQL. Each
/// replica builds its own index from the store and follows its Seq: a harvest reaches both, a paper deleted upstream
/// leaves both, a replica killed with SIGKILL resumes from its committed Seq (no rebuild, its log says how many changes
/// it replayed), and once caught up both answer the same queries with the same ids.
/// </summary>
public sealed partial class StoreFollowerMultiProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int RefreshSeconds = 1;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(45);

    private static readonly string[] Queries =
    [
        "graph", "algorithm", "network", "quantum", "learning", "analysis", "spectral graphs", "random access",
        "optimization", "recommender systems", "cat:cs", "cat:cs.DS", "cat:cs.IT", "kernel", "fusion classifier",
        "epidemic spreading", "automata", "\"social network\"", "protein design", "radio networks",
    ];

    private readonly TempDir _dir = new("follow-store");

    public void Dispose() => _dir.Dispose();

    [PostgresFact]
    public async Task IndexerAndTwoStoreFollowingReplicas_ShareOnlyPostgres_HarvestDeleteRestartAndAnswerAlike()
    {
        var clock = Stopwatch.StartNew();
        await using var db = await TestPostgres.CreateAsync("follow");
        await using var oai = await FakeOaiServer.StartAsync();
        oai.PageSize = 20;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        oai.Gate = gate.Task; // the first harvest waits until both replicas are up
        var expected = FakeOaiServer.Matching("arXiv", "cs").Select(r => r.Id).Distinct().ToList();
        var environment = new Dictionary<string, string>
        {
            ["PaperSearch__Store"] = "postgres",
            ["ConnectionStrings__PaperSearch"] = db.ConnectionString,
            ["Harvest__Endpoint"] = oai.Endpoint.ToString(),
            ["Harvest__Sets__0"] = "cs",
            ["Harvest__MinRequestSpacing"] = "00:00:00",
            ["Jobs__HarvestCron"] = "*/2 * * * * *",
            ["Harvest__FirstRunDays"] = "0", // the test harvests 2015 fixtures itself: no first run (it would checkpoint at today)
            ["Jobs__ReindexCron"] = "",
            ["Index__RefreshSeconds"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Embedding__Model"] = "none",
            ["RateLimit__Enabled"] = "false",
        };
        var replica = new Dictionary<string, string>(environment)
        {
            ["Index__Source"] = "store",
            // The replicas read through the read connection string (here the same server: the test has no standby).
            ["ConnectionStrings__PaperSearchRead"] = db.ConnectionString,
        };
        replica.Remove("Harvest__Endpoint");
        string indexerDir = _dir.Sub("indexer"), web1Dir = _dir.Sub("web1"), web2Dir = _dir.Sub("web2");

        await using var indexer = AppProcess.Start("indexer", "indexer", indexerDir, environment);
        await indexer.WaitHealthyAsync(StartTimeout);
        await using var web1 = AppProcess.Start("web1", "web", web1Dir, replica);
        var web2 = AppProcess.Start("web2", "web", web2Dir, replica);
        try
        {
            await Task.WhenAll(web1.WaitHealthyAsync(StartTimeout), web2.WaitHealthyAsync(StartTimeout));
            Assert.Equal(0, await TotalAsync(web1, "cat:cs"));

            // A harvest by the indexer reaches both replicas through the store alone.
            gate.SetResult();
            await Task.WhenAll(WhenAsync(web1, s => s.Documents == expected.Count), WhenAsync(web2, s => s.Documents == expected.Count));
            output.WriteLine($"{expected.Count} harvested papers in both replicas at {clock.Elapsed.TotalSeconds:F1} s");
            foreach (var web in new[] { web1, web2 })
            {
                Assert.Equal(expected[^1], await FirstHitAsync(web, expected[^1]));
                Assert.True(Directory.Exists(Path.Combine(web == web1 ? web1Dir : web2Dir, "index")), $"{web.Name} keeps its own index");
            }

            // Deleted upstream: the next harvest tombstones it, and it leaves both replicas.
            oai.Deleted[expected[0]] = true;
            await Task.WhenAll(WhenAsync(web1, s => s.Documents == expected.Count - 1), WhenAsync(web2, s => s.Documents == expected.Count - 1));
            Assert.NotEqual(expected[0], await FirstHitAsync(web1, expected[0]));
            Assert.NotEqual(expected[0], await FirstHitAsync(web2, expected[0]));
            output.WriteLine($"deletion gone from both at {clock.Elapsed.TotalSeconds:F1} s");

            // kill -9 one replica; the store moves on without it; restarted, it resumes from its committed Seq.
            var before = await StateAsync(web2);
            web2.Kill();
            oai.Deleted[expected[1]] = true;
            var moved = await WhenAsync(web1, s => s.Documents == expected.Count - 2);
            Assert.True(moved.CommittedSeq > before.CommittedSeq);
            await web2.DisposeAsync();
            web2 = AppProcess.Start("web2 (restarted)", "web", web2Dir, replica);
            await web2.WaitHealthyAsync(StartTimeout);
            var resumed = await WhenAsync(web2, s => s.Documents == expected.Count - 2 && s.CommittedSeq == moved.CommittedSeq);
            var replay = ReplayedLine().Match(web2.Output);
            Assert.True(replay.Success, $"no replay line in the restarted replica's log:\n{web2.Output}");
            output.WriteLine(replay.Value);
            var (replayed, from) = (long.Parse(replay.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(replay.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(before.CommittedSeq, from);                 // resumed from its own last commit…
            Assert.Equal(moved.CommittedSeq - before.CommittedSeq, replayed); // …replaying only what it missed
            Assert.InRange(replayed, 1, expected.Count - 1);          // not a rebuild
            Assert.DoesNotContain("building it in the background", web2.Output);
            Assert.Equal(moved.CommittedSeq, resumed.CommittedSeq);

            // Caught up, both answer every query with the same ids in the same order.
            await WhenAsync(web1, s => s == resumed);
            var answered = 0;
            foreach (var query in Queries)
            {
                var (total1, ids1) = await SearchAsync(web1, query);
                var (total2, ids2) = await SearchAsync(web2, query);
                Assert.Equal(total1, total2);
                Assert.Equal(ids1, ids2);
                if (total1 > 0) answered++;
            }
            output.WriteLine($"{answered} of {Queries.Length} queries have hits; identical in both replicas; done at {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(answered >= Queries.Length / 2, $"only {answered} queries found anything");

            foreach (var app in new[] { indexer, web1, web2 })
            {
                Assert.DoesNotContain("crit:", app.Output);
                Assert.DoesNotContain("fail:", app.Output);
            }
            // The replicas never migrate or write the store: they wait for the schema and read.
            Assert.DoesNotContain("Applying migration", web1.Output);

            // A replica whose index is lost rebuilds it from the store (from Seq 0) and answers alike again.
            web2.Kill();
            Directory.Delete(Path.Combine(web2Dir, "index"), recursive: true);
            await web2.DisposeAsync();
            web2 = AppProcess.Start("web2 (index lost)", "web", web2Dir, replica);
            await web2.WaitHealthyAsync(StartTimeout);
            await WhenAsync(web2, s => s == resumed);
            var rebuilt = ReplayedLine().Match(web2.Output);
            Assert.True(rebuilt.Success, web2.Output);
            Assert.Equal("0", rebuilt.Groups[2].Value);
            output.WriteLine(rebuilt.Value);
            // The same hits; their order may differ: web1's segments still count its two deleted documents in BM25's
            // statistics (until a merge drops them), the rebuilt index never held them.
            foreach (var query in Queries)
            {
                var (total1, ids1) = await SearchAsync(web1, query);
                var (total2, ids2) = await SearchAsync(web2, query);
                Assert.Equal(total1, total2);
                if (total1 <= ids1.Length) Assert.Equal(ids1.Order(), ids2.Order());
            }
        }
        finally { await web2.DisposeAsync(); }
    }

    [GeneratedRegex(@"replayed (\d+) changes from Seq (\d+)")]
    private static partial Regex ReplayedLine();

    private sealed record IndexState(int Documents, long CommittedSeq);

    private static async Task<IndexState> WhenAsync(AppProcess app, Func<IndexState, bool> done)
    {
        var clock = Stopwatch.StartNew();
        IndexState? last = null;
        while (clock.Elapsed < CatchUpTimeout)
        {
            last = await StateAsync(app);
            if (done(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{app.Name} still at {last} after {CatchUpTimeout}:\n{app.Output}");
    }

    private static async Task<IndexState> StateAsync(AppProcess app)
    {
        var index = (await app.Http.GetFromJsonAsync<JsonElement>("health/ready")).GetProperty("checks").GetProperty("index").GetProperty("data");
        return new(index.GetProperty("documents").GetInt32(), index.GetProperty("committedSeq").GetInt64());
    }

    private static async Task<int> TotalAsync(AppProcess app, string query) => (await SearchAsync(app, query)).Total;

    private static async Task<(int Total, string[] Ids)> SearchAsync(AppProcess app, string query)
    {
        var answer = await app.Http.GetFromJsonAsync<JsonElement>($"api/search?mode=bm25&size=50&q={Uri.EscapeDataString(query)}");
        var ids = answer.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToArray();
        return (answer.GetProperty("total").GetInt32(), ids);
    }

    private static async Task<string?> FirstHitAsync(AppProcess app, string query)
    {
        var (_, ids) = await SearchAsync(app, query);
        return ids.FirstOrDefault();
    }
}
