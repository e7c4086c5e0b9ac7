using System.Globalization;

namespace PaperSearch.Benchmarks;

/// <summary>
/// A benchmark's <c>--key value</c> pairs and <c>--flag</c>s (a key followed by another key or nothing), numbers read with
/// invariant culture. Benchmarks take no other syntax.
/// </summary>
internal sealed class ArgMap
{
    private readonly Dictionary<string, string> _map = [];

    public ArgMap(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var isFlag = i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _map[args[i].TrimStart('-')] = isFlag ? "" : args[++i];
        }
    }

    public bool Flag(string key) => _map.ContainsKey(key);

    public string? Find(string key) => _map.GetValueOrDefault(key);

    public string Get(string key, string fallback) => _map.GetValueOrDefault(key, fallback);

    public int Int(string key, int fallback) => _map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public int[] Ints(string key, int[] fallback) =>
        _map.TryGetValue(key, out var v) ? v.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : fallback;

    public long Long(string key, long fallback) => _map.TryGetValue(key, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

internal sealed record BenchmarkArgs(int N, int Dimension, int[] Ranks, int TopM, int Queries, int FitRows, string? VectorsFile, int Seed)
{
    public static BenchmarkArgs Parse(string[] args)
    {
        var map = new ArgMap(args);
        return new BenchmarkArgs(map.Int("n", 1_000_000), map.Int("d", 384), map.Ints("ranks", [32, 48, 64, 96]), map.Int("topm", 500), map.Int("queries", 50),
            map.Int("fit", 20_000), map.Find("vectors"), map.Int("seed", 1));
    }
}
