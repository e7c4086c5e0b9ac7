using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>
/// kill -9 at a random point of a harvest running in a child process, then start it again: the store must end
/// exactly as after one uninterrupted run (no paper missing, none written twice, same checkpoint).
/// </summary>
public sealed class HarvestKillTests(HarvestKillTests.CleanRun clean) : IClassFixture<HarvestKillTests.CleanRun>, IDisposable
{
    private static readonly string[] Sets = ["physics", "cs"];
    private readonly TempDir _dir = new("harvest-kill");

    public void Dispose() => _dir.Dispose();

    /// <summary>One server and one uninterrupted in-process run, shared by the seeds.</summary>
    public sealed class CleanRun : IAsyncLifetime
    {
        private readonly TempDir _dir = new("harvest-clean");
        public FakeOaiServer Server { get; private set; } = null!;
        public PaperStore Store { get; private set; } = null!;
        public PaperIndexWriter Index { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await FakeOaiServer.StartAsync();
            Server.PageSize = 20; // physics 8 pages + cs 3 pages
            Store = await HarvestTestHost.OpenStoreAsync(_dir.Sub("store"));
            Index = await PaperIndexWriter.OpenAsync(_dir.Sub("index"), Store);
            await using (var sp = HarvestTestHost.Build(Store, Index, Server.Endpoint, o => o.Sets = [.. Sets]))
                await sp.GetRequiredService<Harvester>().RunAsync(new HarvestRequest(), null, CancellationToken.None);
            Server.PageDelay = TimeSpan.FromMilliseconds(40); // gives the kills room to land mid-page
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            Index.Dispose();
            _dir.Dispose();
        }
    }

    /// <summary>
    /// On PostgreSQL the child's store is a database of its own (the child takes the provider from the environment, as
    /// the app does) and is compared with the clean SQLite run: the same rows whichever store took the kill. One seed
    /// there: the commit protocol is the store's, the kill points are the same code.
    /// </summary>
    [Theory]
    [SqliteStore(11), SqliteStore(23), SqliteStore(37)]
    [PostgresStore(11)]
    public async Task Harvest_EndsLikeCleanRun_WhenChildKilledAndRestarted(StoreKind kind, int seed)
    {
        var rng = new Random(seed);
        var killedDir = _dir.Sub("killed");
        await using var postgres = kind == StoreKind.Postgres ? await TestPostgres.CreateAsync("harvestkill") : null;
        var options = new StoreOptions
        {
            DataDir = killedDir,
            Provider = postgres is null ? StoreProvider.Sqlite : StoreProvider.Postgres,
            ConnectionString = postgres?.ConnectionString,
        };
        var environment = postgres is null ? null : new Dictionary<string, string>
        {
            ["PaperSearch__Store"] = "postgres",
            ["ConnectionStrings__PaperSearch"] = postgres.ConnectionString,
        };
        // 11 pages in all; the kill lands while a page is being fetched, parsed or committed.
        var (finishedEarly, _) = await RunChildAsync(killedDir, environment, killAfterPages: rng.Next(0, 10), killDelayMs: rng.Next(0, 80));
        var (done, output) = await RunChildAsync(killedDir, environment, killAfterPages: null, killDelayMs: 0);

        Assert.False(finishedEarly, "the child finished before it was killed: the test proved nothing");
        Assert.True(done, output);
        var killed = PaperStore.Open(options);
        await killed.MigrateAsync();
        Assert.Equal(await SnapshotAsync(clean.Store), await SnapshotAsync(killed));
        // The child's index (last written by the final run) holds each paper once, the same set as the clean run's.
        using var killedIndex = new PaperIndexWriter(Path.Combine(killedDir, "index"), killed);
        Assert.Equal(clean.Index.IndexedIds(), killedIndex.IndexedIds());
        Assert.Equal(clean.Index.Searcher.Stats().NumDocs, killedIndex.Searcher.Stats().NumDocs);
        Assert.Equal(await killed.MaxSeqAsync(), killedIndex.Searcher.Stats().CommittedSeq);
        foreach (var set in Sets)
        {
            var key = Harvester.CheckpointKey(clean.Server.Endpoint, "arXiv", set);
            var (a, b) = ((await clean.Store.GetCheckpointAsync(key))!, (await killed.GetCheckpointAsync(key))!);
            Assert.Null(b.ResumptionToken);
            Assert.Equal(a.FromDate, b.FromDate);
        }
    }

    /// <summary>Every row of the change stream (tombstones too), by id, as JSON; Seq excluded (it counts writes, not content).</summary>
    private static async Task<List<string>> SnapshotAsync(PaperStore store)
    {
        var rows = await store.StreamChangedSinceAsync(0).ToListAsync();
        Assert.Equal(rows.Count, rows.Select(r => r.Paper.Id).Distinct().Count()); // none twice
        return [.. rows.OrderBy(r => r.Paper.Id, StringComparer.Ordinal).Select(r => JsonSerializer.Serialize(new { r.Paper, r.Deleted }))];
    }

    /// <summary>Runs the child; kills it (SIGKILL) <paramref name="killDelayMs"/> after its n-th committed page.</summary>
    private async Task<(bool Finished, string Output)> RunChildAsync(string storeDir, IReadOnlyDictionary<string, string>? environment,
        int? killAfterPages, int killDelayMs)
    {
        var kill = killAfterPages is { } n ? new KillPlan("page ", n, TimeSpan.FromMilliseconds(killDelayMs)) : null;
        var run = await KillableChild.RunAsync("PaperSearch.HarvestChild.dll", [clean.Server.Endpoint.ToString(), storeDir, .. Sets], kill,
            environment, TimeSpan.FromSeconds(60));
        return (run.ExitCode == 0 && run.Output.Contains("done"), run.Output);
    }
}
