using PaperSearch.Indexer.Import;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Crash;

/// <summary>
/// kill -9 of the real <c>import</c> verb at a random point, then the same import again: the store and the index end
/// exactly as after one uninterrupted import, and the second run's accounting adds up with what the first committed.
/// </summary>
public sealed class ImportCrashTests(ImportCrashTests.CleanImport clean) : IClassFixture<ImportCrashTests.CleanImport>, IDisposable
{
    private const int Papers = 2000; // two store batches of Importer.BatchSize
    private const string Progress = "progress: import";
    private readonly TempDir _dir = new("import-crash");

    public void Dispose() => _dir.Dispose();

    /// <summary>The sample file (real papers) and one uninterrupted import of it: its end state and its timeline.</summary>
    public sealed class CleanImport : IAsyncLifetime
    {
        private readonly TempDir _dir = new("import-clean");
        public string File { get; private set; } = "";
        public ChildOutcome Run { get; private set; } = null!;
        public DataState State { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            File = HardeningCorpus.Write(_dir, Papers);
            Run = await CrashHarness.RunCliAsync(_dir.Sub("data"), "none", null, "import", File);
            Assert.True(Run.Succeeded, Run.Output);
            State = await DataState.ReadAsync(_dir.Sub("data"));
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
        var data = await CrashHarness.KillAtRandomPointAsync(clean.Run, Progress, seed, attempt => _dir.Sub($"data{attempt}"),
            "none", "import", clean.File);

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
