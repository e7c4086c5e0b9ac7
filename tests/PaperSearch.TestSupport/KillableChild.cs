using System.Diagnostics;
using System.Text;

namespace PaperSearch.TestSupport;

/// <summary>When to SIGKILL a child: <see cref="Delay"/> after its <see cref="AfterLines"/>-th output line starting with
/// <see cref="LinePrefix"/> (0: <see cref="Delay"/> after start). <see cref="Terminate"/>: send SIGTERM instead (what
/// docker stop or systemd sends), to test a clean stop rather than a crash.</summary>
public sealed record KillPlan(string LinePrefix, int AfterLines, TimeSpan Delay, bool Terminate = false);

/// <summary>
/// How a child run ended. <see cref="Killed"/>: we sent SIGKILL while it was still running. <see cref="Lines"/>: every
/// output line with its time since start, so a clean run can serve as the timeline kill points are drawn from.
/// </summary>
public sealed record ChildOutcome(bool Killed, int ExitCode, string Stdout, string Output, TimeSpan Elapsed,
    IReadOnlyList<(TimeSpan At, string Line)> Lines)
{
    public bool Succeeded => !Killed && ExitCode == 0;

    /// <summary>When the first line starting with <paramref name="prefix"/> appeared.</summary>
    public TimeSpan FirstLineAt(string prefix) =>
        Lines.FirstOrDefault(l => l.Line.StartsWith(prefix, StringComparison.Ordinal)) is { Line: not null } l
            ? l.At
            : throw new InvalidOperationException($"No line starting with '{prefix}' in:\n{Output}");
}

/// <summary>
/// Runs <c>dotnet some.dll args</c> (a built app beside the tests) as a real process, for crash tests: it can be
/// killed with SIGKILL (no finally blocks, no disposal, no flush: what a power cut or the OOM killer does) at a
/// point timed from its own progress output.
/// </summary>
public static class KillableChild
{
    public static async Task<ChildOutcome> RunAsync(string dll, IReadOnlyList<string> args, KillPlan? kill = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var path = Path.IsPathRooted(dll) ? dll : Path.Combine(AppContext.BaseDirectory, dll);
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var all = new StringBuilder();
        var lines = new List<(TimeSpan, string)>();
        var seen = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line, bool isStdout)
        {
            if (line is null) return;
            lock (all)
            {
                all.AppendLine(line);
                lines.Add((clock.Elapsed, line));
                if (isStdout) stdout.AppendLine(line);
            }
            if (kill is not null && line.StartsWith(kill.LinePrefix, StringComparison.Ordinal) && Interlocked.Increment(ref seen) == kill.AfterLines)
                reached.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data, true);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var killed = false;
        if (kill is not null)
        {
            if (kill.AfterLines <= 0) reached.TrySetResult();
            if (await Task.WhenAny(reached.Task, exited) == reached.Task)
            {
                await Task.Delay(kill.Delay);
                try
                {
                    if (!process.HasExited)
                    {
                        if (kill.Terminate) SendSigterm(process.Id);
                        else process.Kill(entireProcessTree: false); // SIGKILL on Unix
                        killed = true;
                    }
                }
                catch (InvalidOperationException) { /* exited between the check and the kill */ }
            }
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} {string.Join(' ', args)} did not finish in time:\n{all}");
        }
        lock (all) return new ChildOutcome(killed, process.ExitCode, stdout.ToString(), all.ToString(), clock.Elapsed, [.. lines]);
    }

    /// <summary>.NET can send only SIGKILL to another process; kill(1) sends the rest.</summary>
    private static void SendSigterm(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
