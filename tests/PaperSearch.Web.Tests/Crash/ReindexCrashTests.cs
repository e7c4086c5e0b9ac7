using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Crash;

/// <summary>
/// kill -9 of the real <c>reindex</c> verb at a random point: the half-built generation is never in force (the old
/// index answers, complete), its leftovers are removed on the next open, and running reindex again ends exactly
/// like the data dir before (same store rows, same documents, one generation).
/// </summary>
public sealed class ReindexCrashTests(ReindexCrashTests.Template template) : IClassFixture<ReindexCrashTests.Template>, IDisposable
{
    private const int Papers = 3000; // reindex reports every 1,000 documents
    private readonly TempDir _dir = new("reindex-crash");

    public void Dispose() => _dir.Dispose();

    /// <summary>A closed data dir with real papers imported and indexed, copied by each seed.</summary>
    public sealed class Template : IAsyncLifetime
    {
        private readonly TempDir _dir = new("reindex-template");
        public string DataDir => _dir.Sub("data");
        public DataState State { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var file = HardeningCorpus.Write(_dir, Papers);
            await CrashHarness.WithStoreAsync(DataDir, async store =>
            {
                await store.MigrateAsync();
                using var index = await PaperIndex.OpenAsync(DataPaths.Index(DataDir), store);
                return await new Importer(store, index).ImportAsync([file]);
            });
            State = await DataState.ReadAsync(DataDir);
            State.AssertConsistent();
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task Reindex_EndsLikeBefore_WhenKilledAndRunAgain(int seed)
    {
        var data = CrashHarness.CopyDataDir(template.DataDir, _dir.Sub("data"));
        var before = Generation(data);
        // After 1,000 or 2,000 documents written to the new generation, up to 0.5 s on: writing, committing, or swapping.
        var killed = await CrashHarness.RunCliAsync(data, "none", KillPlan.Random(seed, "progress: reindex", 2, 500), "reindex");
        Assert.True(killed.Killed, "the reindex finished before the kill: the test proved nothing\n" + killed.Output);

        // A restart opens whichever generation CURRENT names: the old one, complete (or, killed after the atomic swap,
        // the new one, complete too), never a half-built one; the leftover folder is gone.
        var restarted = await DataState.ReadAsync(data);
        restarted.AssertConsistent();
        restarted.AssertSameAs(template.State);

        var rerun = await CrashHarness.RunCliAsync(data, "none", null, "reindex");
        Assert.True(rerun.Succeeded, rerun.Output);
        Assert.Equal(Papers, CrashHarness.Number(rerun.Stdout, "Reindexed"));

        var final = await DataState.ReadAsync(data);
        final.AssertConsistent();
        final.AssertSameAs(template.State);
        Assert.NotEqual(before, Generation(data)); // the rerun built and published a new generation
    }

    private static string? Generation(string data) => File.ReadAllText(Path.Combine(DataPaths.Index(data), "CURRENT")).Trim();
}
