namespace PaperSearch.Ranking.Tests.Compression;

/// <summary>Random data with a known covariance, for checking PCA as math.</summary>
internal static class Synthetic
{
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>An r×D matrix with orthonormal rows (Gram–Schmidt on Gaussian rows).</summary>
    public static double[][] OrthonormalRows(Random rng, int r, int d)
    {
        var rows = new double[r][];
        for (var j = 0; j < r; j++)
        {
            var v = Enumerable.Range(0, d).Select(_ => Gaussian(rng)).ToArray();
            for (var p = 0; p < j; p++)
            {
                var dot = v.Zip(rows[p], (a, b) => a * b).Sum();
                for (var i = 0; i < d; i++) v[i] -= dot * rows[p][i];
            }
            var norm = Math.Sqrt(v.Sum(a => a * a));
            rows[j] = v.Select(a => a / norm).ToArray();
        }
        return rows;
    }

    /// <summary>
    /// n rows x = μ + Σ_j σ_j z_j b_j + noise·ε with orthonormal b_j: covariance Σ σ_j² b_jb_jᵀ + noise²I.
    /// </summary>
    public static float[] LowRank(Random rng, int n, int d, double[] sigmas, double noise, double[][] basis, double meanOffset)
    {
        var data = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            var row = data.AsSpan(i * d, d);
            for (var t = 0; t < d; t++) row[t] = (float)(meanOffset * (t % 3) + noise * Gaussian(rng));
            for (var j = 0; j < sigmas.Length; j++)
            {
                var z = sigmas[j] * Gaussian(rng);
                for (var t = 0; t < d; t++) row[t] += (float)(z * basis[j][t]);
            }
        }
        return data;
    }
}
