namespace PaperSearch.Benchmarks;

internal sealed record BenchmarkArgs(int N, int Dimension, int[] Ranks, int TopM, int Queries, int FitRows, string? VectorsFile, int Seed)
{
    public static BenchmarkArgs Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v) : fallback;
        var ranks = map.TryGetValue("ranks", out var r) ? r.Split(',').Select(int.Parse).ToArray() : [32, 48, 64, 96];
        return new BenchmarkArgs(Int("n", 1_000_000), Int("d", 384), ranks, Int("topm", 500), Int("queries", 50),
            Int("fit", 20_000), map.GetValueOrDefault("vectors"), Int("seed", 1));
    }
}
