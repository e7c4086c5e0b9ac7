namespace PaperSearch.Ranking.Fusion;

/// <summary>How raw scores are put on one scale before fusing.</summary>
public enum NormalizationKind
{
    /// <summary>(s − min)/(max − min) ∈ [0, 1]; all-equal pools map to 0.5.</summary>
    MinMax,

    /// <summary>(s − mean)/std (population); all-equal pools map to 0.</summary>
    ZScore,
}

/// <summary>
/// Score normalisation within one candidate pool. BM25 scores are unbounded and query-dependent,
/// cosines live in [−1, 1]; fusing them needs a common scale, computed per pool.
/// </summary>
public static class ScoreNormalization
{
    public static void Normalize(ReadOnlySpan<double> scores, Span<double> result, NormalizationKind kind)
    {
        if (result.Length != scores.Length) throw new ArgumentException("Result must have the length of scores.", nameof(result));
        foreach (var s in scores)
            if (!double.IsFinite(s)) throw new ArgumentException("Scores must be finite.", nameof(scores));
        if (scores.IsEmpty) return;
        switch (kind)
        {
            case NormalizationKind.MinMax: MinMax(scores, result); break;
            case NormalizationKind.ZScore: ZScore(scores, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    public static double[] Normalize(ReadOnlySpan<double> scores, NormalizationKind kind)
    {
        var result = new double[scores.Length];
        Normalize(scores, result, kind);
        return result;
    }

    private static void MinMax(ReadOnlySpan<double> scores, Span<double> result)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var s in scores) { min = Math.Min(min, s); max = Math.Max(max, s); }
        var range = max - min;
        // All equal: the pool says nothing about order, so every hit sits in the middle of the scale.
        for (var i = 0; i < scores.Length; i++) result[i] = range > 0 ? (scores[i] - min) / range : 0.5;
    }

    private static void ZScore(ReadOnlySpan<double> scores, Span<double> result)
    {
        double mean = 0;
        foreach (var s in scores) mean += s;
        mean /= scores.Length;
        double variance = 0;
        foreach (var s in scores) variance += (s - mean) * (s - mean);
        var std = Math.Sqrt(variance / scores.Length);
        for (var i = 0; i < scores.Length; i++) result[i] = std > 0 ? (scores[i] - mean) / std : 0;
    }
}
