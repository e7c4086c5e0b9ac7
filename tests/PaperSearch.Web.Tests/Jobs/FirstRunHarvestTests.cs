using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Indexer.Store;
using PaperSearch.Indexer.Tests.Harvest;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Jobs;

/// <summary>Hangfire keeps its storage in a process-wide static (JobStorage.Current): these hosts run jobs, so alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireHostsCollection
{
    public const string Name = "hangfire-hosts";
}

/// <summary>
/// A new instance harvests its recent days at once (no command, no 03:00 wait), says so on every page, and becomes
/// searchable page by page; against the local fake OAI-PMH server serving real arXiv records (cs, stamped 2015-01-16).
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class FirstRunHarvestTests : IDisposable
{
    // The fixtures' records are from January 2015: the instance's clock says it is 20 January 2015, so "the last 7 days"
    // covers them. Timers and timestamps stay real.
    private static readonly DateTimeOffset Today = new(2015, 1, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly From = new(2015, 1, 13);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly TempDir _dir = new("first-run");

    [Theory, SqliteStore, PostgresStore]
    public async Task FreshDataDir_HarvestsTheLastDaysAtStart_SearchableAsPagesArrive_AndEveryPageSaysWhatIsHarvested(StoreKind kind)
    {
        await using var oai = await FakeOaiServer.StartAsync();
        oai.PageSize = 10;
        oai.ResponseDate = Today.AddHours(3);
        var firstPage = new TaskCompletionSource();
        oai.Gate = firstPage.Task; // held until the notice has been seen with nothing harvested yet
        var expected = FakeOaiServer.Matching("arXiv", "cs", From).Select(r => r.Id).Distinct().ToList();
        Assert.True(expected.Count > oai.PageSize, "the fixture must span several pages");

        using var app = Start(oai, store: kind);
        using var client = app.CreateClient();

        // No command run: the first harvest is queued by the start itself and the home page says what it harvests.
        var home = await PollAsync(() => client.GetStringAsync("/"), h => h.Contains("Harvesting the last 7 days of <code>cs</code>", StringComparison.Ordinal));
        Assert.Contains("0 papers so far", home);
        Assert.Contains("-- import arxiv-metadata-oai-snapshot.json", home);
        Assert.Contains("href=\"/status\"", home);
        Assert.DoesNotContain("No papers match", await client.GetStringAsync("/?q=graph+neural"));
        using var chinese = app.CreateClient();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        foreach (var url in new[] { "/", "/status" })
        {
            var page = await Localization.LocalizedApp.PageAsync(chinese, url);
            Assert.Contains("正在抓取 cs 最近 7 天的论文", page.Body!.TextContent);
            Assert.Empty(Localization.ChinesePageTextTests.EnglishWords(page.Body!));
        }
        var status = await client.GetStringAsync("/status");
        Assert.Contains("First harvest", status);
        Assert.Contains("the last 7 days of <code>cs</code>, from 13 Jan 2015", status);
        // The notice shows from the moment the job is queued; a worker picks it up on its own poll (Hangfire polls its queue each second).
        var asked = await PollAsync(() => Task.FromResult(oai.Requests.Select(r => r.Query).ToList()), q => q.Count > 0);
        Assert.Equal($"from={From:yyyy-MM-dd}", asked.Single().Split('&').Single(p => p.StartsWith("from=", StringComparison.Ordinal)));

        // One page through: its papers are searchable and counted while the rest of the list is still held back.
        var rest = new TaskCompletionSource();
        oai.Gate = rest.Task;
        firstPage.SetResult();
        await PollAsync(() => TotalAsync(client, expected[0]), total => total == 1);
        Assert.Equal(0, await TotalAsync(client, expected[^1]));
        await PollAsync(() => client.GetStringAsync("/"), h => h.Contains($"{oai.PageSize} papers so far", StringComparison.Ordinal));
        await PollAsync(() => client.GetStringAsync("/status"), h => h.Contains($"{oai.PageSize} papers added (pages done: 1)", StringComparison.Ordinal));

        oai.Gate = null;
        rest.SetResult();
        await PollAsync(() => TotalAsync(client, expected[^1]), total => total == 1);
        var store = app.Services.GetRequiredService<PaperStore>();
        Assert.Equal(expected.ToHashSet(), await IdsAsync(store));

        // Done: the notice goes, the night follows as the harvest's continuation, and the schedule continues from the
        // checkpoint the first run left (the server's date), not from the first run's window.
        await PollAsync(() => client.GetStringAsync("/"), h => !h.Contains("instance-notice", StringComparison.Ordinal));
        var first = app.Services.GetRequiredService<FirstHarvest>().Read()!;
        Assert.True(first.Succeeded);
        Assert.Equal(expected.Count, first.Added);
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await PollAsync(() => Task.FromResult(monitor.SucceededJobs(0, 50).Any(j => j.Value.Job?.Type == typeof(NightlyIndexJob))), ran => ran);
        var checkpoint = await store.GetCheckpointAsync(PaperSearch.Indexer.Harvest.Harvester.CheckpointKey(oai.Endpoint, "arXiv", "cs"));
        Assert.Equal("2015-01-20", checkpoint!.FromDate);
        Assert.Null(checkpoint.ResumptionToken);
    }

    [Fact]
    public async Task Restart_WhileTheFirstHarvestRuns_QueuesNoSecondOne_AndTheSameJobFinishes()
    {
        await using var oai = await FakeOaiServer.StartAsync();
        oai.PageSize = 10;
        oai.ResponseDate = Today.AddHours(3);
        var held = new TaskCompletionSource();
        oai.Gate = held.Task;
        var expected = FakeOaiServer.Matching("arXiv", "cs", From).Select(r => r.Id).Distinct().ToHashSet();

        string jobId;
        using (var app = Start(oai))
        {
            using var client = app.CreateClient();
            await PollAsync(() => client.GetStringAsync("/"), h => h.Contains("Harvesting the last 7 days", StringComparison.Ordinal));
            jobId = app.Services.GetRequiredService<FirstHarvest>().Read()!.JobId;
        } // stopped mid-run, as by a deploy: Hangfire keeps the job

        oai.Gate = null;
        held.SetResult();
        using var again = Start(oai);
        using var againClient = again.CreateClient();
        await PollAsync(() => TotalAsync(againClient, expected.First()), total => total == 1);
        await PollAsync(() => Task.FromResult(again.Services.GetRequiredService<FirstHarvest>().Read()!.Succeeded), done => done);

        Assert.Equal(jobId, again.Services.GetRequiredService<FirstHarvest>().Read()!.JobId);
        var monitor = again.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Single(monitor.SucceededJobs(0, 50), j => j.Value.Job?.Type == typeof(HarvestJob));
        Assert.Equal(expected, await IdsAsync(again.Services.GetRequiredService<PaperStore>()));
    }

    [Fact]
    public async Task AStoreWithPapers_StartsNoFirstHarvest()
    {
        using (var loader = new PaperSearchApp(dataDir: _dir.Sub("data")))
            await HardeningCorpus.ImportAsync(loader.Services, HardeningCorpus.Write(_dir, 5));

        await using var oai = await FakeOaiServer.StartAsync();
        using var app = Start(oai);
        using var client = app.CreateClient();
        var home = await client.GetStringAsync("/");

        // The decision is taken at start, before the first request is answered.
        Assert.Null(app.Services.GetRequiredService<FirstHarvest>().Read());
        Assert.DoesNotContain("instance-notice", home);
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(0, monitor.EnqueuedCount("default") + monitor.ProcessingCount());
        Assert.Empty(oai.Requests);
    }

    [Fact]
    public async Task AnEmptyStore_WithFirstRunDaysZero_StaysEmpty_AndSaysHowToLoadPapers()
    {
        await using var oai = await FakeOaiServer.StartAsync();
        using var app = Start(oai, new() { ["Harvest:FirstRunDays"] = "0" });
        using var client = app.CreateClient();
        var home = await client.GetStringAsync("/");

        Assert.Null(app.Services.GetRequiredService<FirstHarvest>().Read());
        Assert.Contains("This instance has no papers yet", home);
        Assert.Contains("-- import arxiv-metadata-oai-snapshot.json", home);
        Assert.Empty(oai.Requests);
    }

    /// <summary>The app over this test's data dir, harvesting from the fake server on the shipped schedule.</summary>
    private Instance Start(FakeOaiServer oai, Dictionary<string, string?>? extra = null, StoreKind store = StoreKind.Sqlite)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Harvest:Endpoint"] = oai.Endpoint.ToString(),
            ["Harvest:Sets:0"] = "cs",
            ["Harvest:MinRequestSpacing"] = "00:00:00",
            ["Jobs:HarvestCron"] = "0 3 * * *",
            ["RateLimit:Enabled"] = "false",
        };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        var app = new PaperSearchApp(settings, store, dataDir: _dir.Sub("data"));
        return new Instance(app, app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<TimeProvider>(new ShiftedClock(Today - DateTimeOffset.UtcNow)))));
    }

    private static async Task<HashSet<string>> IdsAsync(PaperStore store) =>
        await store.StreamChangedSinceAsync(0).Where(c => !c.Deleted).Select(c => c.Paper.Id).ToHashSetAsync();

    private static async Task<long> TotalAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(id)}&mode=bm25");
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("hits").EnumerateArray().Count(h => h.GetProperty("id").GetString() == id);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"not reached within {Wait.TotalSeconds} s; last: {Shorten(value)}");
            await Task.Delay(200);
        }
    }

    private static string Shorten<T>(T value) => value?.ToString() is { Length: > 400 } s ? s[..400] + "…" : value?.ToString() ?? "null";

    public void Dispose() => _dir.Dispose();

    /// <summary>The wall clock moved by a fixed offset: dates are the fixtures' days, durations and timers real.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    /// <summary>The app with the shifted clock (<see cref="WebApplicationFactory{T}.WithWebHostBuilder"/>), and the factory it came from.</summary>
    private sealed class Instance(PaperSearchApp parent, WebApplicationFactory<Program> app) : IDisposable
    {
        public IServiceProvider Services => app.Services;

        public HttpClient CreateClient() => app.CreateClient();

        public void Dispose()
        {
            app.Dispose();
            parent.Dispose();
        }
    }
}
