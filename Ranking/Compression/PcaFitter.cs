using MathNet.Numerics.LinearAlgebra;

namespace PaperSearch.Ranking.Compression;

/// <summary>
/// PCA through the eigendecomposition of the D×D covariance (≈ 0.5 s for 20000×384 here, 18× faster
/// than an SVD of the data; see packages.md §8). The top-r eigenvectors give the optimal rank-r
/// approximation in Frobenius norm (Eckart–Young).
/// </summary>
public static class PcaFitter
{
    /// <summary>Fits on a row-major n×D block of vectors.</summary>
    public static PcaModel Fit(ReadOnlyMemory<float> rows, int dimension)
    {
        var acc = new CovarianceAccumulator(dimension);
        acc.Add(rows);
        return Fit(acc);
    }

    /// <summary>Fits on everything streamed into <paramref name="accumulator"/>.</summary>
    public static PcaModel Fit(CovarianceAccumulator accumulator)
    {
        var d = accumulator.Dimension;
        var (values, vectors) = SymmetricEigen.Decompose(accumulator.Covariance(), d);
        return new PcaModel(d, accumulator.Mean(), values, vectors, accumulator.Count);
    }
}

/// <summary>Eigenpairs of a symmetric matrix, sorted by descending eigenvalue.</summary>
internal static class SymmetricEigen
{
    /// <summary>Returns eigenvalues (descending) and row-major eigenvectors (vector j in column j).</summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] rowMajor, int d)
    {
        var m = Matrix<double>.Build.Dense(d, d, (i, j) => rowMajor[i * d + j]);
        var evd = m.Evd(Symmetricity.Symmetric);
        var raw = evd.EigenValues.Select(c => c.Real).ToArray();
        var order = Enumerable.Range(0, d).OrderByDescending(i => raw[i]).ToArray();
        var vectors = new double[d * d];
        var ev = evd.EigenVectors;
        for (var j = 0; j < d; j++)
        for (var i = 0; i < d; i++)
            vectors[i * d + j] = ev[i, order[j]];
        return (order.Select(i => raw[i]).ToArray(), vectors);
    }
}
