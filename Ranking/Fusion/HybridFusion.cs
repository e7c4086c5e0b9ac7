using PaperSearch.Ranking.TopK;

namespace PaperSearch.Ranking.Fusion;

/// <summary>How a pool is fused and cut. τ is in normalised-score units.</summary>
public sealed record FusionSettings(
    double Alpha = 0.5,
    double Tau = 0.05,
    NormalizationKind Normalization = NormalizationKind.MinMax,
    TopKVariant Variant = TopKVariant.PiecewiseExponential);

/// <summary>Why a hit is where it is: raw scores, the fused score and its smooth top-k membership.</summary>
public sealed record FusionExplain(int Index, double Bm25, double Cosine, double Fused, double Membership);

/// <summary>
/// Hybrid ranking of one candidate pool: fused = α·norm(cosine) + (1 − α)·norm(bm25), then smooth
/// Top-k membership p over the pool (Σp = k, k = the end of the requested page), which gives both a
/// calibrated cut-off and the final order.
/// </summary>
public static class HybridFusion
{
    public static double[] Fuse(ReadOnlySpan<double> bm25, ReadOnlySpan<double> cosine, double alpha,
        NormalizationKind normalization = NormalizationKind.MinMax)
    {
        if (bm25.Length != cosine.Length) throw new ArgumentException("bm25 and cosine must have the same length.");
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must be in [0, 1].");
        var b = ScoreNormalization.Normalize(bm25, normalization);
        var c = ScoreNormalization.Normalize(cosine, normalization);
        var fused = new double[b.Length];
        for (var i = 0; i < fused.Length; i++) fused[i] = alpha * c[i] + (1 - alpha) * b[i];
        return fused;
    }

    /// <summary>The pool ordered by fused score (ties: BM25, then original index), with membership for top <paramref name="k"/>.</summary>
    public static FusionExplain[] Rank(ReadOnlySpan<double> bm25, ReadOnlySpan<double> cosine, FusionSettings settings, double k)
    {
        var fused = Fuse(bm25, cosine, settings.Alpha, settings.Normalization);
        var membership = new double[fused.Length];
        SmoothTopK.Compute(fused, k, settings.Tau, membership, settings.Variant);
        var hits = new FusionExplain[fused.Length];
        for (var i = 0; i < hits.Length; i++) hits[i] = new FusionExplain(i, bm25[i], cosine[i], fused[i], membership[i]);
        return hits.OrderByDescending(h => h.Fused).ThenByDescending(h => h.Bm25).ThenBy(h => h.Index).ToArray();
    }
}
