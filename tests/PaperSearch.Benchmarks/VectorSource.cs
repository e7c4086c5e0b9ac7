using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PaperSearch.Benchmarks;

/// <summary>Corpus and held-out queries: synthetic clustered unit vectors, a raw f32 file, or a published vector file (.f32v).</summary>
internal static class VectorSource
{
    public static (float[] Corpus, float[] Queries) Load(BenchmarkArgs a)
    {
        if (a.VectorsFile is null) return (Synthetic(a.N, a.Dimension, a.Seed), Synthetic(a.Queries, a.Dimension, a.Seed, holdOut: true));
        var all = a.VectorsFile.EndsWith(".f32v", StringComparison.Ordinal) ? Published(a.VectorsFile, a.Dimension)
            : MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(a.VectorsFile)).ToArray();
        if (all.Length % a.Dimension != 0) throw new InvalidDataException($"{a.VectorsFile}: size is not a multiple of {a.Dimension} floats.");
        var n = all.Length / a.Dimension - a.Queries;
        return (all[..(n * a.Dimension)], all[(n * a.Dimension)..]);
    }

    /// <summary>The rows of a vector file the product published (<c>{data dir}/vectors/&lt;model&gt;/</c>), checked as a replica checks it.</summary>
    private static float[] Published(string path, int dimension)
    {
        var file = PaperSearch.Indexer.Embeddings.VectorFile.Read(path, dimension);
        try
        {
            var rows = file.Rows.Rows;
            var all = new float[(long)rows.Count * dimension];
            for (var i = 0; i < rows.Count; i++) rows.Row(i).CopyTo(all.AsSpan(i * dimension, dimension));
            return all;
        }
        finally
        {
            file.Rows.Release();
        }
    }

    /// <summary>
    /// 1000 cluster centres and within-cluster noise, both with a power-law spectrum (std of axis t ∝
    /// (t+1)^−0.8), normalised to unit length, in a random-ish basis (a fixed sign/permutation shuffle so
    /// PCA has to find the axes). Generated in parallel chunks with their own seeds.
    /// </summary>
    private static float[] Synthetic(int n, int d, int seed, bool holdOut = false)
    {
        var profile = Enumerable.Range(0, d).Select(t => Math.Pow(t + 1, -0.8)).ToArray();
        var centreRng = new Random(seed);
        var centres = Enumerable.Range(0, 1000).Select(_ => profile.Select(s => s * Gaussian(centreRng)).ToArray()).ToArray();
        var permutation = Enumerable.Range(0, d).OrderBy(_ => centreRng.Next()).ToArray();
        var data = new float[(long)n * d];
        const int chunk = 16_384;
        Parallel.For(0, (n + chunk - 1) / chunk, c =>
        {
            var rng = new Random(seed * 7919 + c + (holdOut ? 1_000_003 : 0));
            for (var i = c * chunk; i < Math.Min(n, (c + 1) * chunk); i++)
            {
                var centre = centres[rng.Next(centres.Length)];
                var row = data.AsSpan(i * d, d);
                for (var t = 0; t < d; t++) row[permutation[t]] = (float)(centre[t] + 0.5 * profile[t] * Gaussian(rng));
                TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
            }
        });
        return data;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
