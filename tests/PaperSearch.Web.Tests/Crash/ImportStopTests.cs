using PaperSearch.Indexer.Import;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Crash;

/// <summary>
/// SIGTERM to the real <c>import</c> verb after its first stored batch: it stops at a batch boundary with the index
/// committed, says so, exits 1, and the same import run again ends exactly like one uninterrupted import.
/// </summary>
public sealed class ImportStopTests : IDisposable
{
    private const int Papers = 9_000; // enough batches that the stop lands long before the end; DataState reads at most PaperSearcher.MaxWindow
    private readonly TempDir _dir = new("import-stop");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Import_StopsCleanlyAndResumes_WhenSigtermAfterTheFirstBatch()
    {
        var file = HardeningCorpus.Write(_dir, Papers);
        var data = _dir.Sub("data");

        var stopped = await CrashHarness.RunCliAsync(data, "none", new KillPlan("progress: import", 1, TimeSpan.Zero, Terminate: true), "import", file);

        Assert.True(stopped.Killed, stopped.Output);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("Run the same import again to resume", stopped.Output);
        var stoppedAfter = CrashHarness.Number(stopped.Output, "Stopped after");
        var afterStop = await DataState.ReadAsync(data);
        Assert.Equal(stoppedAfter, afterStop.Live);
        Assert.Equal(0, afterStop.Live % Importer.BatchSize);
        Assert.InRange(afterStop.Live, Importer.BatchSize, Papers - Importer.BatchSize);
        afterStop.AssertConsistent(); // committed at the stop: nothing left for a catch-up to repair

        var rerun = await CrashHarness.RunCliAsync(data, "none", null, "import", file);

        Assert.True(rerun.Succeeded, rerun.Output);
        Assert.Equal(Papers - afterStop.Live, CrashHarness.Number(rerun.Stdout, "inserted"));
        Assert.Equal(afterStop.Live, CrashHarness.Number(rerun.Stdout, "unchanged"));
        var final = await DataState.ReadAsync(data);
        final.AssertConsistent();
        Assert.Equal(Papers, final.Live);
    }
}
