using PaperSearch.Ranking.TopK;

namespace PaperSearch.Ranking.Fusion;

/// <summary>How a pool is fused and cut. τ is in normalised-score units.</summary>
public sealed record FusionSettings(
    double Alpha = 0.5,
    double Tau = 0.05,
    NormalizationKind Normalization = NormalizationKind.MinMax,
    TopKVariant Variant = TopKVariant.PiecewiseExponential);

/// <summary>Why a hit is where it is: raw scores, their normalised values (fused = α·cosineNorm + (1 − α)·bm25Norm),
/// the fused score and its smooth top-k membership.</summary>
public sealed record FusionExplain(int Index, double Bm25, double Cosine, double Fused, double Membership, double Bm25Norm = 0, double CosineNorm = 0);

/// <summary>
/// Hybrid ranking of one candidate pool: fused = α·norm(cosine) + (1 − α)·norm(bm25), the pool sorted by it, and
/// smooth Top-k membership p over the pool (Σp = k, k = the end of the requested page): a calibrated "how sure is
/// this hit to belong in the top k", monotone in the fused score (so it explains the order, it does not change it).
/// </summary>
public static class HybridFusion
{
    /// <summary>
    /// Cosines for a pool where some candidates have no vector yet (null): each gap gets the median of the present
    /// cosines. Min-max normalisation is monotone and affine, so that is the pool's median normalised cosine: a paper
    /// without a vector is placed as a typical candidate on the semantic side and by its own BM25 score on the other,
    /// so papers without vectors keep their BM25 order among themselves and are neither buried (as cosine 0 would)
    /// nor promoted. No cosine at all: every candidate gets the same value, and the order is BM25's.
    /// </summary>
    public static double[] ImputeMissing(IReadOnlyList<double?> cosines)
    {
        var present = cosines.Where(c => c.HasValue).Select(c => c!.Value).Order().ToArray();
        var median = present.Length == 0 ? 0
            : present.Length % 2 == 1 ? present[present.Length / 2]
            : (present[present.Length / 2 - 1] + present[present.Length / 2]) / 2;
        return cosines.Select(c => c ?? median).ToArray();
    }

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
        if (bm25.Length != cosine.Length) throw new ArgumentException("bm25 and cosine must have the same length.");
        var fused = Fuse(bm25, cosine, settings.Alpha, settings.Normalization);
        var b = ScoreNormalization.Normalize(bm25, settings.Normalization);
        var c = ScoreNormalization.Normalize(cosine, settings.Normalization);
        var membership = new double[fused.Length];
        SmoothTopK.Compute(fused, k, settings.Tau, membership, settings.Variant);
        var hits = new FusionExplain[fused.Length];
        for (var i = 0; i < hits.Length; i++) hits[i] = new FusionExplain(i, bm25[i], cosine[i], fused[i], membership[i], b[i], c[i]);
        return hits.OrderByDescending(h => h.Fused).ThenByDescending(h => h.Bm25).ThenBy(h => h.Index).ToArray();
    }
}
