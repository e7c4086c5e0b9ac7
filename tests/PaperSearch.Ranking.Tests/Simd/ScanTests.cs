using Xunit.Abstractions;
using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Simd;
using PaperSearch.Ranking.Tests.Compression;

namespace PaperSearch.Ranking.Tests.Simd;

public sealed class ScanTests(ITestOutputHelper output)
{
    /// <summary>
    /// Unit vectors around cluster centres with a power-law spectrum (std of axis t ∝ (t+1)^−0.8), like
    /// real embeddings whose variance concentrates in a few directions; isotropic noise would make any
    /// rank-r code lose the neighbours.
    /// </summary>
    internal static float[] Clustered(Random rng, int n, int d, int clusters, double spread)
    {
        var profile = Enumerable.Range(0, d).Select(t => Math.Pow(t + 1, -0.8)).ToArray();
        var centres = Enumerable.Range(0, clusters).Select(_ => profile.Select(s => s * Synthetic.Gaussian(rng)).ToArray()).ToArray();
        var data = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            var c = centres[rng.Next(clusters)];
            var row = data.AsSpan(i * d, d);
            for (var t = 0; t < d; t++) row[t] = (float)(c[t] + spread * profile[t] * Synthetic.Gaussian(rng));
            var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(row, row));
            System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
        return data;
    }

    [Theory]
    [InlineData(CodeKernel.Int8)]
    [InlineData(CodeKernel.Mixed)]
    public unsafe void Search_RecallAtTenAtLeast95Percent_WhenClusteredData(CodeKernel kernel)
    {
        const int d = 64, n = 60_000, rank = 24; // n above the parallel threshold: chunks are merged
        var rng = new Random(7);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var data = Clustered(rng, n, d, 50, 0.35);
        output.WriteLine($"data {watch.ElapsedMilliseconds} ms");
        var projection = PcaFitter.Fit(data.AsMemory(0, 10_000 * d), d).ToProjection(rank);
        var scanner = new CompressedScanner(Int8Quantizer.Quantize(projection.EncodeMany(data), rank));

        output.WriteLine($"fit+encode {watch.ElapsedMilliseconds} ms");
        double hits = 0;
        const int queries = 30;
        for (var qi = 0; qi < queries; qi++)
        {
            var query = data.AsSpan(rng.Next(n) * d, d).ToArray();
            for (var t = 0; t < d; t++) query[t] += (float)(0.05 * Synthetic.Gaussian(rng));
            var exact = ExactScanner.TopK(query, data, d, 10).Select(s => s.Id).ToHashSet();
            ScoredId[] found;
            fixed (float* rows = data) found = scanner.Search(query, projection, new FloatRows(rows, n, d), topM: 300, k: 10, kernel);
            hits += found.Count(s => exact.Contains(s.Id));
        }
        output.WriteLine($"recall@10 = {hits / (queries * 10)}");
        Assert.True(hits / (queries * 10) >= 0.95, $"recall@10 = {hits / (queries * 10)}");
    }

    [Fact]
    public void TopK_EqualsSortedDots_WhenBruteForce()
    {
        const int d = 20, n = 500;
        var rng = new Random(2);
        var data = Enumerable.Range(0, n * d).Select(_ => (float)rng.NextDouble()).ToArray();
        var q = Enumerable.Range(0, d).Select(_ => (float)rng.NextDouble()).ToArray();
        var dots = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Sum(t => (double)q[t] * data[i * d + t])).ToArray();
        var expected = Enumerable.Range(0, n).OrderByDescending(i => dots[i]).Take(5).ToArray();
        Assert.Equal(expected, ExactScanner.TopK(q, data, d, 5).Select(s => s.Id).ToArray());
    }

    [Fact]
    public void Scan_ScoresEqualDequantisedDots_WhenMixedKernel()
    {
        var rng = new Random(4);
        var codes = Int8Quantizer.Quantize(Enumerable.Range(0, 40 * 16).Select(_ => (float)Synthetic.Gaussian(rng)).ToArray(), 16);
        var q = Enumerable.Range(0, 16).Select(_ => (float)Synthetic.Gaussian(rng)).ToArray();
        var result = new CompressedScanner(codes).Scan(q, 40, CodeKernel.Mixed);
        var buffer = new float[16];
        foreach (var s in result)
        {
            codes.Dequantize(s.Id, buffer);
            Assert.Equal(q.Zip(buffer, (a, b) => a * b).Sum(), s.Score, 1e-4);
        }
    }
}
