namespace PaperSearch.Ranking.TopK;

/// <summary>
/// Smooth Top-k membership (Su Jianlin, "Softmax后传：寻找Top-K的光滑近似", ThreTopK):
/// p_i = f((x_i − λ)/τ) with Σ p_i = k, 0 ≤ p_i ≤ 1, monotone in x, shift-invariant, and p → the
/// hard top-k indicator as τ → 0. λ is returned in the units of x (that is, τ times the article's λ).
/// </summary>
public static class SmoothTopK
{
    /// <summary>
    /// Fills <paramref name="p"/> with the smooth top-k membership of <paramref name="x"/> and returns
    /// the threshold λ (in the units of x): −∞ when k ≥ n (all ones), +∞ when k ≤ 0 (all zeros).
    /// </summary>
    public static double Compute(ReadOnlySpan<double> x, double k, double tau, Span<double> p,
        TopKVariant variant = TopKVariant.PiecewiseExponential)
    {
        Validate(x, k, tau, p.Length);
        var n = x.Length;
        if (n == 0) return double.NaN;
        if (k >= n) { p.Fill(1); return double.NegativeInfinity; }
        if (k <= 0) { p.Fill(0); return double.PositiveInfinity; }

        var scaled = new double[n];
        for (var i = 0; i < n; i++) scaled[i] = x[i] / tau;
        var lambda = variant switch
        {
            TopKVariant.PiecewiseExponential => Threshold.PiecewiseExponential(scaled, k),
            TopKVariant.ClippedExponential => Threshold.ClippedExponential(scaled, k),
            TopKVariant.Logistic => Threshold.Logistic(scaled, k),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        for (var i = 0; i < n; i++) p[i] = Squash.F(variant, scaled[i] - lambda);
        return lambda * tau;
    }

    /// <summary>
    /// Writes f′((x_i − λ)/τ) into <paramref name="fPrime"/> (the pieces of the Jacobian) and returns λ.
    /// The Jacobian is J = (diag(f′) − f′f′ᵀ/Σf′)/τ; it is zero when k ≤ 0 or k ≥ n.
    /// </summary>
    public static double Derivatives(ReadOnlySpan<double> x, double k, double tau, Span<double> fPrime,
        TopKVariant variant = TopKVariant.PiecewiseExponential)
    {
        Validate(x, k, tau, fPrime.Length);
        var p = new double[x.Length];
        var lambda = Compute(x, k, tau, p, variant);
        if (x.Length == 0 || k <= 0 || k >= x.Length) { fPrime.Clear(); return lambda; }
        for (var i = 0; i < x.Length; i++) fPrime[i] = Squash.Derivative(variant, (x[i] - lambda) / tau);
        return lambda;
    }

    /// <summary>
    /// Dense Jacobian ∂p_i/∂x_j = (f′_i δ_ij − f′_i f′_j / Σf′)/τ, row-major n×n into <paramref name="jacobian"/>.
    /// Differentiating Σ f(x_i − λ) = k implicitly gives ∂λ/∂x_j = f′_j/Σf′, hence this form.
    /// </summary>
    public static void Jacobian(ReadOnlySpan<double> x, double k, double tau, Span<double> jacobian,
        TopKVariant variant = TopKVariant.PiecewiseExponential)
    {
        var n = x.Length;
        if (jacobian.Length != n * n) throw new ArgumentException("Jacobian needs n×n entries.", nameof(jacobian));
        var d = new double[n];
        Derivatives(x, k, tau, d, variant);
        var sum = d.Sum();
        jacobian.Clear();
        if (sum <= 0) return;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            jacobian[i * n + j] = ((i == j ? d[i] : 0) - d[i] * d[j] / sum) / tau;
    }

    /// <summary>
    /// J·v without forming J (J is symmetric, so this is also vᵀJ): the O(n) form the tuner uses.
    /// </summary>
    public static void JacobianTimes(ReadOnlySpan<double> fPrime, double tau, ReadOnlySpan<double> v, Span<double> result)
    {
        if (v.Length != fPrime.Length || result.Length != fPrime.Length)
            throw new ArgumentException("fPrime, v and result must have the same length.");
        double sum = 0, dot = 0;
        for (var i = 0; i < fPrime.Length; i++) { sum += fPrime[i]; dot += fPrime[i] * v[i]; }
        var coupling = sum > 0 ? dot / sum : 0;
        for (var i = 0; i < fPrime.Length; i++) result[i] = fPrime[i] * (v[i] - coupling) / tau;
    }

    private static void Validate(ReadOnlySpan<double> x, double k, double tau, int outLength)
    {
        if (outLength != x.Length) throw new ArgumentException("Output span must have the length of x.");
        if (double.IsNaN(k)) throw new ArgumentException("k is NaN.", nameof(k));
        if (!(tau > 0) || double.IsInfinity(tau)) throw new ArgumentException("tau must be a positive finite number.", nameof(tau));
        foreach (var v in x)
            if (!double.IsFinite(v)) throw new ArgumentException("x contains NaN or an infinity.", nameof(x));
    }
}
