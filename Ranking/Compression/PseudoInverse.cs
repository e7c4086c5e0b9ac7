using MathNet.Numerics.LinearAlgebra;

namespace PaperSearch.Ranking.Compression;

/// <summary>
/// Moore–Penrose pseudo-inverse through the eigendecomposition of AᵀA = UΛUᵀ: A^† = UΛ^†UᵀAᵀ, where
/// Λ^† inverts only eigenvalues above relTol·λ_max (Su, "低秩近似之路（一）：伪逆"). Never (AᵀA + εI)⁻¹
/// with a tiny ε, which is unstable.
/// </summary>
public static class PseudoInverse
{
    /// <summary>
    /// Default relative cut on eigenvalues of AᵀA (= squared singular values): singular values below
    /// 1e-6·σ_max count as zero, well above the ~1e-16·λ_max noise of forming AᵀA in double.
    /// </summary>
    public const double DefaultRelativeTolerance = 1e-12;

    public static Matrix<double> Compute(Matrix<double> a, double relTol = DefaultRelativeTolerance)
    {
        if (!(relTol >= 0)) throw new ArgumentOutOfRangeException(nameof(relTol));
        // Work with the smaller Gram matrix: pinv(A) = pinv(Aᵀ)ᵀ.
        if (a.RowCount < a.ColumnCount) return Compute(a.Transpose(), relTol).Transpose();
        var gram = a.TransposeThisAndMultiply(a);
        var evd = gram.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => c.Real).ToArray();
        var max = values.Length == 0 ? 0 : values.Max();
        var inverse = values.Select(l => max > 0 && l > relTol * max ? 1 / l : 0).ToArray();
        var u = evd.EigenVectors;
        var scaledU = u * Matrix<double>.Build.DiagonalOfDiagonalArray(inverse);
        return scaledU.TransposeAndMultiply(u).TransposeAndMultiply(a);
    }

    /// <summary>
    /// The least-squares decoder for a fixed (possibly non-orthogonal) encoder P (D×r): with centred
    /// samples X and codes C = XP, Q = C^†X minimises ‖CQ − X‖_F. Returns a projection that keeps P
    /// and uses Q. Samples are row-major n×D.
    /// </summary>
    public static LowRankProjection FitDecoder(float[] mean, float[] encoderRowMajorRxD, int rank, ReadOnlyMemory<float> samples, double relTol = DefaultRelativeTolerance)
    {
        var d = mean.Length;
        var provisional = new LowRankProjection(d, rank, mean, encoderRowMajorRxD, encoderRowMajorRxD, double.NaN);
        var n = samples.Length / d;
        var codes = provisional.EncodeMany(samples);
        var c = Matrix<double>.Build.Dense(n, rank, (i, j) => codes[i * rank + j]);
        var x = Matrix<double>.Build.Dense(n, d);
        var rows = samples.Span;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < d; j++)
            x[i, j] = rows[i * d + j] - mean[j];
        var q = Compute(c, relTol) * x;
        var decoder = new float[rank * d];
        for (var j = 0; j < rank; j++)
        for (var i = 0; i < d; i++)
            decoder[j * d + i] = (float)q[j, i];
        var residual = (c * q - x).FrobeniusNorm();
        var total = x.FrobeniusNorm();
        return new LowRankProjection(d, rank, mean, encoderRowMajorRxD, decoder, total > 0 ? 1 - residual * residual / (total * total) : 1);
    }
}
