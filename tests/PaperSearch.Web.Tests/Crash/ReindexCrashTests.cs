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
    private const int Papers = 2000; // reindex reports every 1,000 documents
    private const string Progress = "progress: reindex";
    private readonly TempDir _dir = new("reindex-crash");

    public void Dispose() => _dir.Dispose();

    /// <summary>A closed data dir with real papers imported and indexed, copied by each seed; one clean reindex's timeline.</summary>
    public sealed class Template : IAsyncLifetime
    {
        private readonly TempDir _dir = new("reindex-template");
        public string DataDir => _dir.Sub("data");
        public DataState State { get; private set; } = null!;
        public ChildOutcome Clean { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var file = HardeningCorpus.Write(_dir, Papers);
            await CrashHarness.WithStoreAsync(DataDir, async store =>
            {
                await store.MigrateAsync();
                using var index = await PaperIndexWriter.OpenAsync(DataPaths.Index(DataDir), store);
                return await new Importer(store, index).ImportAsync([file]);
            });
            State = await DataState.ReadAsync(DataDir);
            State.AssertConsistent();
            Clean = await CrashHarness.RunCliAsync(CrashHarness.CopyDataDir(DataDir, _dir.Sub("clean")), "none", null, "reindex");
            Assert.True(Clean.Succeeded, Clean.Output);
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
        var data = await CrashHarness.KillAtRandomPointAsync(template.Clean, Progress, seed,
            attempt => CrashHarness.CopyDataDir(template.DataDir, _dir.Sub($"data{attempt}")), "none", "reindex");

        // A restart opens whichever generation CURRENT names: the old one, complete (or, killed after the atomic swap,
        // the new one, complete too), never a half-built one; the leftover folder is gone.
        var restarted = await DataState.ReadAsync(data);
        restarted.AssertConsistent();
        restarted.AssertSameAs(template.State);

        var before = Generation(data);
        var rerun = await CrashHarness.RunCliAsync(data, "none", null, "reindex");
        Assert.True(rerun.Succeeded, rerun.Output);
        Assert.Equal(Papers, CrashHarness.Number(rerun.Stdout, "Reindexed"));

        var final = await DataState.ReadAsync(data);
        final.AssertConsistent();
        final.AssertSameAs(template.State);
        Assert.NotEqual(before, Generation(data)); // the rerun built and published a new generation
    }

    private static string Generation(string data) => File.ReadAllText(Path.Combine(DataPaths.Index(data), "CURRENT")).Trim();
}
