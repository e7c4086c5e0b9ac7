using System.Numerics.Tensors;

namespace PaperSearch.Benchmarks.Scale;

/// <summary>
/// Vectors for the synthetic corpus made from real MiniLM vectors, so the spectrum the compression and the scan meet
/// is a real one. A real paper that was embedded keeps its vector; one that was not (only part of the real corpus is
/// embedded here) gets a mix of two real vectors chosen by its index. A synthetic paper's vector mixes its two donors'
/// as its text does: 0.6 × the first + 0.4 × the second + a little Gaussian noise, normalised.
/// </summary>
public static class SyntheticVectors
{
    private const float NoiseScale = 0.02f; // per coordinate, against a norm of 1 before normalising

    /// <summary>One vector per donor, in donor order.</summary>
    public static float[][] ForDonors(IReadOnlyList<SyntheticCorpus.Donor> donors, IReadOnlyDictionary<string, float[]> real, int seed)
    {
        var pool = real.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value).ToArray();
        if (pool.Length == 0) throw new ArgumentException("at least one real vector is needed", nameof(real));
        return donors.Select((d, i) => real.TryGetValue(d.Id, out var v) ? v
            : Mix(pool[i % pool.Length], pool[(int)((i * 7919L + 13) % pool.Length)], HashCode.Combine(seed, i, 0))).ToArray();
    }

    /// <summary>The vector of synthetic paper <paramref name="k"/>, made of its donors' vectors <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static float[] ForSynthetic(float[] a, float[] b, long k, int seed) => Mix(a, b, HashCode.Combine(seed, k, 1));

    private static float[] Mix(float[] a, float[] b, int noiseSeed)
    {
        var v = new float[a.Length];
        var random = new Random(noiseSeed);
        for (var i = 0; i < v.Length; i++)
            v[i] = 0.6f * a[i] + 0.4f * b[i] + NoiseScale * Gaussian(random);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
