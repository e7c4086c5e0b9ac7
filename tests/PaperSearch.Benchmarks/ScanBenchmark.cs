using System.Diagnostics;
using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Simd;

namespace PaperSearch.Benchmarks;

/// <summary>
/// Compressed SIMD scan + exact rescore vs exact f32 brute force over the same vectors, per rank r and
/// kernel: the scan against the time to stream its bytes once, measured in the same run on one thread
/// and on all cores (the memory-speed bound), recall@10 against the exact top 10, explained variance.
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
        Console.WriteLine("scan = compressed scan of the top M only; stream = one pure SIMD read of the same codes + scales on as many threads;");
        Console.WriteLine("ratio = scan / stream (target ≤ 1.5); search = scan on all cores + exact rescoring; each cell median / best over the queries,");
        Console.WriteLine("timed interleaved, so on a shared machine the best is the less disturbed estimate.");
        Console.WriteLine();
        Console.WriteLine("| r | explained var | MB read | kernel | scan 1T ms | stream 1T ms | ratio 1T | scan all ms | stream all ms | ratio all | scan-only recall@10 | recall@10 (rescored) | search ms | speed-up vs exact |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var cores = Environment.ProcessorCount;
        foreach (var rank in a.Ranks)
        {
            var projection = model.ToProjection(rank);
            var codes = Int8Quantizer.Quantize(projection.EncodeMany(corpus), rank);
            var scanner = new CompressedScanner(codes);
            var megabytes = codes.Bytes / 1e6;
            foreach (var (name, scan) in Kernels(scanner))
            {
                var projected = new float[rank];
                for (var i = 0; i < Math.Min(q, 3); i++)
                {
                    projection.ProjectQuery(queries.AsSpan(i * d, d), projected);
                    scan(projected, a.TopM, 1);
                    scan(projected, a.TopM, 0);
                    StreamBandwidth.Read(cores, codes);
                }
                var (scan1, stream1, scanAll, streamAll, search) = (new double[q], new double[q], new double[q], new double[q], new double[q]);
                double hits = 0, scanHits = 0;
                for (var i = 0; i < q; i++)
                {
                    var query = queries.AsSpan(i * d, d);
                    stream1[i] = Time(watch, () => StreamBandwidth.Read(1, codes));
                    projection.ProjectQuery(query, projected);
                    scan1[i] = Time(watch, () => scan(projected, a.TopM, 1));
                    streamAll[i] = Time(watch, () => StreamBandwidth.Read(cores, codes));
                    scanAll[i] = Time(watch, () => scan(projected, a.TopM, 0));
                    watch.Restart();
                    projection.ProjectQuery(query, projected);
                    var found = ExactScanner.Rescore(query, corpus, d, scan(projected, a.TopM, 0), K);
                    search[i] = watch.Elapsed.TotalMilliseconds;
                    hits += found.Count(s => exactTop[i].Contains(s.Id));
                    scanHits += scan(projected, K, 0).Count(s => exactTop[i].Contains(s.Id));
                }
                var ms = Median(search);
                Console.WriteLine($"| {rank} | {projection.ExplainedVarianceRatio:F3} | {megabytes:F1} | {name} | {Pair(scan1)} | {Pair(stream1)} | {Ratio(scan1, stream1)} | "
                    + $"{Pair(scanAll)} | {Pair(streamAll)} | {Ratio(scanAll, streamAll)} | {scanHits / (q * K):F3} | {hits / (q * K):F3} | {ms:F2} | {exactMs / ms:F1}× |");
            }
            Console.WriteLine($"| {rank} | | | stream bandwidth | | {megabytes / 1e3 / (Median(Enumerable.Range(0, 9).Select(_ => Time(watch, () => StreamBandwidth.Read(1, codes))).ToArray()) / 1e3):F1} GB/s | | | "
                + $"{megabytes / 1e3 / (Median(Enumerable.Range(0, 9).Select(_ => Time(watch, () => StreamBandwidth.Read(cores, codes))).ToArray()) / 1e3):F1} GB/s | | | | | |");
        }
        return 0;
    }

    /// <summary>Every int8 path this CPU can run (the default first), then the mixed kernel.</summary>
    private static IEnumerable<(string Name, Func<float[], int, int, ScoredId[]> Scan)> Kernels(CompressedScanner scanner)
    {
        var best = scanner.Int8Path;
        yield return ($"Int8 ({best}, default)", (p, m, t) => scanner.Scan(p, m, CodeKernel.Int8, t));
        foreach (var path in Enum.GetValues<Int8ScanPath>().Where(p => p != best && Runs(p, scanner.Codes.Rank)))
            yield return ($"Int8 ({path})", (p, m, t) => scanner.ScanInt8(p, m, path, t));
        yield return ("Mixed", (p, m, t) => scanner.Scan(p, m, CodeKernel.Mixed, t));
    }

    private static bool Runs(Int8ScanPath path, int rank) => path switch
    {
        Int8ScanPath.AvxVnni => System.Runtime.Intrinsics.X86.AvxVnni.IsSupported && rank % 32 == 0,
        Int8ScanPath.Avx2 => System.Runtime.Intrinsics.X86.Avx2.IsSupported && rank % 16 == 0,
        _ => true,
    };

    private static string Pair(double[] times) => $"{Median(times):F2} / {times.Min():F2}";

    private static string Ratio(double[] scan, double[] stream) => $"{Median(scan) / Median(stream):F2} / {scan.Min() / stream.Min():F2}";

    private static double Time(Stopwatch watch, Action action)
    {
        watch.Restart();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
