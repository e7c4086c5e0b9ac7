namespace PaperSearch.Benchmarks;

/// <summary>What a benchmark prints beside its numbers: the machine is shared, so every result carries its load.</summary>
internal static class Machine
{
    /// <summary>The 1-, 5- and 15-minute load averages, or "n/a" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
