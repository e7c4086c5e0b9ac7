using System.Diagnostics;

namespace PaperSearch.Benchmarks.Scale;

/// <summary>A command of the product (the Release build's CLI) run to its end, timed, its peak RSS sampled.</summary>
internal static class ChildProcess
{
    public sealed record Result(double Seconds, double PeakRssMb);

    public static async Task<Result> RunAsync(string webDll, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(webDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(webDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var peak = 0.0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, Memory.HighWaterMb(process.Id));
            await Task.Delay(250);
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}:\n{await output}\n{await errors}");
        return new Result(clock.Elapsed.TotalSeconds, peak);
    }
}

/// <summary>A process's resident memory from /proc (Linux).</summary>
internal static class Memory
{
    public static double RssMb(int pid) => Read(pid, "VmRSS:");

    public static double HighWaterMb(int pid) => Read(pid, "VmHWM:");

    /// <summary>
    /// RSS split into its own memory (heap, native allocations: what one more replica costs) and mapped file pages
    /// (the index and the vector file: page cache every process on the host shares, which the kernel can drop).
    /// </summary>
    public static string Split(int pid) => $"anon {Read(pid, "RssAnon:"):N0} MB, file {Read(pid, "RssFile:"):N0} MB";

    private static double Read(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException) { return 0; } // exited meanwhile
    }
}
