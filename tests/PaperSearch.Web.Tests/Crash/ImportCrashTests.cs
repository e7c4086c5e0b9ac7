using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Crash;

/// <summary>
/// kill -9 of the real <c>import</c> verb at a random point, then the same import again: the store and the index end
/// exactly as after one uninterrupted import, and the second run's accounting adds up with what the first committed.
/// </summary>
public sealed class ImportCrashTests(ImportCrashTests.CleanImport clean) : IClassFixture<ImportCrashTests.CleanImport>, IDisposable
{
    private const int Papers = 3000; // three store batches of Importer.BatchSize
    private readonly TempDir _dir = new("import-crash");

    public void Dispose() => _dir.Dispose();

    /// <summary>The sample file (real papers) and the state of one uninterrupted in-process import of it.</summary>
    public sealed class CleanImport : IAsyncLifetime
    {
        private readonly TempDir _dir = new("import-clean");
        public string File { get; private set; } = "";
        public DataState State { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            File = HardeningCorpus.Write(_dir, Papers);
            var data = _dir.Sub("data");
            await CrashHarness.WithStoreAsync(data, async store =>
            {
                await store.MigrateAsync();
                using var index = await PaperIndex.OpenAsync(DataPaths.Index(data), store);
                return await new Importer(store, index).ImportAsync([File]);
            });
            State = await DataState.ReadAsync(data);
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    [InlineData(303)]
    public async Task Import_EndsLikeCleanRun_WhenKilledAndRunAgain(int seed)
    {
        var data = _dir.Sub("data");
        // After the 1st or 2nd stored batch, up to 0.8 s on: inside the next batch, the index following it, or the final commit.
        var killed = await CrashHarness.RunCliAsync(data, "none", KillPlan.Random(seed, "progress: import", 2, 800), "import", clean.File);
        Assert.True(killed.Killed, "the import finished before the kill: the test proved nothing\n" + killed.Output);

        var afterKill = await DataState.ReadAsync(data);
        Assert.Equal(0, afterKill.Live % Importer.BatchSize); // each batch commits whole or not at all
        Assert.InRange(afterKill.Live, Importer.BatchSize, Papers);
        afterKill.AssertIndexNeverAhead();

        var rerun = await CrashHarness.RunCliAsync(data, "none", null, "import", clean.File);
        Assert.True(rerun.Succeeded, rerun.Output);
        Assert.Equal(Papers, CrashHarness.Number(rerun.Stdout, "read"));
        Assert.Equal(Papers - afterKill.Live, CrashHarness.Number(rerun.Stdout, "inserted"));
        Assert.Equal(afterKill.Live, CrashHarness.Number(rerun.Stdout, "unchanged"));
        Assert.Equal(0, CrashHarness.Number(rerun.Stdout, "updated"));

        var final = await DataState.ReadAsync(data);
        final.AssertConsistent();
        final.AssertSameAs(clean.State);
    }
}
