namespace PaperSearch.Ranking.TopK;

/// <summary>The three f of ThreTopK and their derivatives, each evaluated without overflow.</summary>
internal static class Squash
{
    public static double F(TopKVariant variant, double t) => variant switch
    {
        TopKVariant.PiecewiseExponential => t >= 0 ? 1 - 0.5 * Math.Exp(-t) : 0.5 * Math.Exp(t),
        TopKVariant.ClippedExponential => t >= 0 ? 1 : Math.Exp(t),
        TopKVariant.Logistic => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t)),
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    public static double Derivative(TopKVariant variant, double t)
    {
        switch (variant)
        {
            case TopKVariant.PiecewiseExponential:
                return 0.5 * Math.Exp(-Math.Abs(t));
            case TopKVariant.ClippedExponential:
                // Deviation from the article: f is not differentiable at t = 0; we take the one-sided
                // derivative from the saturated side (0), so an entry sitting exactly on λ gets no gradient.
                return t >= 0 ? 0 : Math.Exp(t);
            case TopKVariant.Logistic:
                var e = Math.Exp(-Math.Abs(t));
                return e / ((1 + e) * (1 + e));
            default:
                throw new ArgumentOutOfRangeException(nameof(variant));
        }
    }
}
