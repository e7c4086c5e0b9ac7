namespace PaperSearch.Ranking.TopK;

/// <summary>
/// Solves Σ f(x_i − λ) = k for λ, for each ThreTopK variant (0 &lt; k &lt; n, x already divided by τ).
/// The closed forms assume a split of the sorted x into m saturated entries (x_i ≥ λ) and the rest;
/// we try every m and keep the one whose λ lies between x_m and x_{m+1}.
/// </summary>
internal static class Threshold
{
    /// <summary>
    /// f = piecewise exponential. With S₁ = Σ_{i≤m} e^{−x_i}, S₂ = Σ_{i>m} e^{x_i}, a = k − m:
    /// λ = log S₂ − log(√(a² + S₁S₂) + a). All sums are carried as logs, so a spread of 1e4 is fine.
    /// </summary>
    public static double PiecewiseExponential(double[] x, double k)
    {
        var s = SortedDescending(x);
        var n = s.Length;
        var suffix = SuffixLogSumExp(s);
        var logS1 = double.NegativeInfinity;
        var best = double.NaN;
        var bestViolation = double.PositiveInfinity;
        for (var m = 0; m <= n; m++)
        {
            if (m > 0) logS1 = LogSum.Add(logS1, -s[m - 1]);
            var a = k - m;
            var logS2 = suffix[m];
            var g = LogSqrtPlusAbs(a, 0.5 * (logS1 + logS2));
            // a < 0: √(a²+P) + a = P/(√(a²+P) − a) avoids the cancellation, giving λ = log(√(a²+P)+|a|) − log S₁.
            var lambda = a >= 0 ? logS2 - g : g - logS1;
            if (Keep(s, m, lambda, ref bestViolation)) best = lambda;
            if (bestViolation == 0) break;
        }
        return best;
    }

    /// <summary>f = min(1, e^t): λ = log Σ_{i>m} e^{x_i} − log(k − m), for m &lt; k.</summary>
    public static double ClippedExponential(double[] x, double k)
    {
        var s = SortedDescending(x);
        var suffix = SuffixLogSumExp(s);
        var best = double.NaN;
        var bestViolation = double.PositiveInfinity;
        for (var m = 0; m < s.Length && m < k; m++)
        {
            var lambda = suffix[m] - Math.Log(k - m);
            if (Keep(s, m, lambda, ref bestViolation)) best = lambda;
            if (bestViolation == 0) break;
        }
        return best;
    }

    /// <summary>
    /// f = logistic: no closed form; Σσ(x_i − λ) is decreasing in λ, and the bracket
    /// [min x − logit(k/n), max x − logit(k/n)] contains the root, so bisect to machine precision.
    /// </summary>
    public static double Logistic(double[] x, double k)
    {
        var n = x.Length;
        var logit = Math.Log(k / n) - Math.Log(1 - k / n);
        double lo = x.Min() - logit, hi = x.Max() - logit;
        for (var iter = 0; iter < 2000; iter++)
        {
            var mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            double sum = 0;
            foreach (var v in x) sum += Squash.F(TopKVariant.Logistic, v - mid);
            if (sum > k) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>log(√(a² + P) + |a|) with h = log √P, evaluated relative to max(log|a|, h).</summary>
    private static double LogSqrtPlusAbs(double a, double h)
    {
        var la = a == 0 ? double.NegativeInfinity : Math.Log(Math.Abs(a));
        var top = Math.Max(la, h);
        double ea = Math.Exp(la - top), eh = Math.Exp(h - top);
        return top + Math.Log(Math.Sqrt(ea * ea + eh * eh) + ea);
    }

    /// <summary>
    /// Accepts λ for split m if it violates x_m ≥ λ ≥ x_{m+1} less than the best so far; rounding can
    /// push the true split a few ulps outside its interval, so we keep the least-violating one.
    /// </summary>
    private static bool Keep(double[] s, int m, double lambda, ref double bestViolation)
    {
        if (double.IsNaN(lambda)) return false;
        var violation = 0.0;
        if (m > 0) violation = Math.Max(violation, lambda - s[m - 1]);
        if (m < s.Length) violation = Math.Max(violation, s[m] - lambda);
        if (violation >= bestViolation) return false;
        bestViolation = violation;
        return true;
    }

    private static double[] SortedDescending(double[] x)
    {
        var s = (double[])x.Clone();
        Array.Sort(s);
        Array.Reverse(s);
        return s;
    }

    /// <summary>suffix[m] = log Σ_{i ≥ m} e^{s_i}; suffix[n] = −∞.</summary>
    private static double[] SuffixLogSumExp(double[] s)
    {
        var suffix = new double[s.Length + 1];
        suffix[s.Length] = double.NegativeInfinity;
        for (var i = s.Length - 1; i >= 0; i--) suffix[i] = LogSum.Add(suffix[i + 1], s[i]);
        return suffix;
    }
}
