namespace PaperSearch.Ranking.Compression;

/// <summary>
/// A fitted PCA: the mean and all eigenpairs of the covariance, eigenvalues in descending order.
/// <see cref="Eigenvectors"/> is row-major D×D with eigenvector j in column j.
/// </summary>
public sealed record PcaModel(int Dimension, double[] Mean, double[] Eigenvalues, double[] Eigenvectors, long SampleCount)
{
    /// <summary>Σ λ_i: the mean squared distance of a vector from the mean.</summary>
    public double TotalVariance => Eigenvalues.Sum(l => Math.Max(0, l));

    /// <summary>Share of variance kept by the top <paramref name="rank"/> components.</summary>
    public double ExplainedVarianceRatio(int rank) =>
        TotalVariance > 0 ? Eigenvalues.Take(rank).Sum(l => Math.Max(0, l)) / TotalVariance : 1;

    /// <summary>
    /// Expected mean squared reconstruction error at this rank: Σ_{j&gt;r} λ_j (Eckart–Young).
    /// </summary>
    public double DiscardedVariance(int rank) => Eigenvalues.Skip(rank).Sum(l => Math.Max(0, l));

    /// <summary>Smallest rank that keeps at least <paramref name="ratio"/> of the variance.</summary>
    public int RankFor(double ratio)
    {
        for (var r = 1; r <= Dimension; r++)
            if (ExplainedVarianceRatio(r) >= ratio) return r;
        return Dimension;
    }

    /// <summary>The orthonormal rank-r projection: encoder V_r, decoder V_rᵀ.</summary>
    public LowRankProjection ToProjection(int rank)
    {
        if (rank < 1 || rank > Dimension) throw new ArgumentOutOfRangeException(nameof(rank));
        var d = Dimension;
        var basis = new float[rank * d];
        for (var j = 0; j < rank; j++)
        for (var i = 0; i < d; i++)
            basis[j * d + i] = (float)Eigenvectors[i * d + j];
        return new LowRankProjection(d, rank, Mean.Select(v => (float)v).ToArray(), basis, basis,
            ExplainedVarianceRatio(rank));
    }
}
