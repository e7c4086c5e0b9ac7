using System.Diagnostics;
using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Simd;

namespace PaperSearch.Benchmarks;

/// <summary>
/// Compressed SIMD scan + exact rescore vs exact f32 brute force over the same vectors, per rank r:
/// recall@10 against the exact top 10, median latency per query, speed ratio, explained variance.
/// </summary>
internal static class ScanBenchmark
{
    private const int K = 10;

    public static int Run(BenchmarkArgs a)
    {
        var d = a.Dimension;
        var watch = Stopwatch.StartNew();
        var (corpus, queries) = VectorSource.Load(a);
        var n = corpus.Length / d;
        var q = queries.Length / d;
        Console.WriteLine($"vectors: {n} × {d} ({(a.VectorsFile ?? "synthetic")}), {q} held-out queries, load {watch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"cores {Environment.ProcessorCount}, top-M {a.TopM}, k {K}");

        // Warm-up so tiered JIT has optimised the loops before anything is timed.
        for (var i = 0; i < Math.Min(q, 3); i++) ExactScanner.TopK(queries[(i * d)..((i + 1) * d)], corpus, d, K);
        var exactTimes = new double[q];
        var exactTop = new HashSet<int>[q];
        for (var i = 0; i < q; i++)
        {
            var query = queries[(i * d)..((i + 1) * d)];
            watch.Restart();
            exactTop[i] = ExactScanner.TopK(query, corpus, d, K).Select(s => s.Id).ToHashSet();
            exactTimes[i] = watch.Elapsed.TotalMilliseconds;
        }
        var exactMs = Median(exactTimes);
        Console.WriteLine($"exact f32 TensorPrimitives scan: median {exactMs:F2} ms/query");

        watch.Restart();
        var model = PcaFitter.Fit(corpus.AsMemory(0, Math.Min(n, a.FitRows) * d), d);
        Console.WriteLine($"PCA fit on {Math.Min(n, a.FitRows)} rows: {watch.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine();
        Console.WriteLine("| r | explained var | encode s | kernel | scan-only recall@10 | recall@10 (rescored) | ms/query | speed-up |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var rank in a.Ranks)
        {
            var projection = model.ToProjection(rank);
            watch.Restart();
            var codes = Int8Quantizer.Quantize(projection.EncodeMany(corpus), rank);
            var encodeS = watch.Elapsed.TotalSeconds;
            var scanner = new CompressedScanner(codes);
            foreach (var kernel in Enum.GetValues<CodeKernel>())
            {
                for (var i = 0; i < Math.Min(q, 3); i++) scanner.Search(queries.AsSpan(i * d, d), projection, corpus, a.TopM, K, kernel);
                var times = new double[q];
                double hits = 0, scanHits = 0;
                var projected = new float[rank];
                for (var i = 0; i < q; i++)
                {
                    var query = queries.AsSpan(i * d, d);
                    watch.Restart();
                    var found = scanner.Search(query, projection, corpus, a.TopM, K, kernel);
                    times[i] = watch.Elapsed.TotalMilliseconds;
                    hits += found.Count(s => exactTop[i].Contains(s.Id));
                    projection.ProjectQuery(query, projected);
                    scanHits += scanner.Scan(projected, K, kernel).Count(s => exactTop[i].Contains(s.Id));
                }
                var ms = Median(times);
                Console.WriteLine($"| {rank} | {projection.ExplainedVarianceRatio:F3} | {encodeS:F1} | {kernel} | {scanHits / (q * K):F3} | {hits / (q * K):F3} | {ms:F2} | {exactMs / ms:F1}× |");
            }
        }
        return 0;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
