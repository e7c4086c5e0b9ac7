using System.Diagnostics;
using PaperSearch.TestSupport;
using PaperSearch.Web.Cli;

namespace PaperSearch.Web.Tests.Cli;

/// <summary>Ctrl+C and SIGTERM cancel the token a verb runs with, so the verb stops on its own instead of being cut off.</summary>
public sealed class TerminationTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Verb_StopsAsCancelled_WhenSignalledMidRun(string signal)
    {
        using var dir = new TempDir("cli-signal");
        // Nothing listens on port 9: the harvest retries with backoff for about 50 s unless its token is cancelled.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "PaperSearch.Web.dll"), "--data-dir", dir.Sub("data"),
                     "--Embedding:Model=none", "harvest", "--endpoint", "http://127.0.0.1:9/oai" })
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var retrying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            if (line.Contains("OnRetry", StringComparison.Ordinal)) retrying.TrySetResult();
        }
        child.OutputDataReceived += (_, e) => OnLine(e.Data);
        child.ErrorDataReceived += (_, e) => OnLine(e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        await retrying.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", [$"-{signal}", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        // Well inside CliCommandLine.VerbStopTimeout, with the verb's own exit code, not the forced 130/143.
        Assert.True(clock.Elapsed < CliCommandLine.VerbStopTimeout / 2, $"took {clock.Elapsed}:\n{string.Join('\n', output)}");
        Assert.Equal(ExitCodes.Failure, child.ExitCode);
    }
}
