namespace PaperSearch.Ranking.TopK;

/// <summary>The squashing function f of ThreTopK: p_i = f(x_i − λ) with λ chosen so that Σ p_i = k.</summary>
public enum TopKVariant
{
    /// <summary>f(t) = 1 − ½e^{−t} (t ≥ 0), ½e^{t} (t &lt; 0): closed-form λ, smooth, never exactly 0 or 1.</summary>
    PiecewiseExponential,

    /// <summary>f(t) = min(1, e^t): closed-form λ; equals softmax when k = 1.</summary>
    ClippedExponential,

    /// <summary>f(t) = 1/(1 + e^{−t}): λ found by bisection.</summary>
    Logistic,
}
