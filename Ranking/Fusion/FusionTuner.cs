using PaperSearch.Ranking.TopK;

namespace PaperSearch.Ranking.Fusion;

/// <summary>One query's candidate pool with judgments (e.g. from qrels or clicks).</summary>
public sealed record TrainingPool(double[] Bm25, double[] Cosine, bool[] Relevant);

/// <summary>Result of tuning: the weights and the surrogate after each accepted step (index 0 = start).</summary>
public sealed record TunedFusion(double Alpha, double Tau, IReadOnlyList<double> History);

/// <summary>
/// Learns α and τ by gradient ascent on the smooth-Top-k surrogate S(α, τ) = mean over pools of
/// Σ_{relevant} p_i, p = SmoothTopK(x/τ), x = α·ĉ + (1 − α)·b̂. The gradient is closed form:
/// with u = J_x·r (J symmetric, r = relevance indicator), ∂/∂α = u·(ĉ − b̂) and ∂/∂τ = −u·x/τ.
/// Steps are taken on α = σ(a), τ = e^s (keeps α ∈ (0,1), τ &gt; 0) with backtracking, so the
/// surrogate never decreases.
/// </summary>
public static class FusionTuner
{
    public static TunedFusion Tune(IReadOnlyList<TrainingPool> pools, double k, int iterations = 100,
        double startAlpha = 0.5, double startTau = 0.1, NormalizationKind normalization = NormalizationKind.MinMax,
        TopKVariant variant = TopKVariant.PiecewiseExponential)
    {
        var prepared = Prepare(pools, normalization);
        double a = Math.Log(startAlpha / (1 - startAlpha)), s = Math.Log(startTau);
        var (value, ga, gt) = Evaluate(prepared, Sigmoid(a), Math.Exp(s), k, variant);
        var history = new List<double> { value };
        var step = 1.0;
        for (var it = 0; it < iterations && step > 1e-8; it++)
        {
            var alpha = Sigmoid(a);
            var tau = Math.Exp(s);
            // Chain rule into the unconstrained parameters.
            var (da, ds) = (ga * alpha * (1 - alpha), gt * tau);
            var accepted = false;
            while (step > 1e-8)
            {
                var (na, ns) = (a + step * da, Math.Clamp(s + step * ds, Math.Log(1e-3), Math.Log(10)));
                var (nv, nga, ngt) = Evaluate(prepared, Sigmoid(na), Math.Exp(ns), k, variant);
                if (nv >= value)
                {
                    (a, s, value, ga, gt) = (na, ns, nv, nga, ngt);
                    step *= 1.5;
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) break;
            history.Add(value);
        }
        return new TunedFusion(Sigmoid(a), Math.Exp(s), history);
    }

    /// <summary>The surrogate and its exact gradient (∂S/∂α, ∂S/∂τ).</summary>
    public static (double Value, double DAlpha, double DTau) Surrogate(IReadOnlyList<TrainingPool> pools, double alpha, double tau, double k,
        NormalizationKind normalization = NormalizationKind.MinMax, TopKVariant variant = TopKVariant.PiecewiseExponential) =>
        Evaluate(Prepare(pools, normalization), alpha, tau, k, variant);

    private sealed record Prepared(double[] B, double[] C, double[] R);

    private static Prepared[] Prepare(IReadOnlyList<TrainingPool> pools, NormalizationKind normalization) =>
        pools.Where(p => p.Bm25.Length > 0).Select(p =>
        {
            if (p.Bm25.Length != p.Cosine.Length || p.Bm25.Length != p.Relevant.Length)
                throw new ArgumentException("Each pool needs equal-length bm25, cosine and relevant arrays.", nameof(pools));
            return new Prepared(ScoreNormalization.Normalize(p.Bm25, normalization), ScoreNormalization.Normalize(p.Cosine, normalization),
                p.Relevant.Select(r => r ? 1.0 : 0.0).ToArray());
        }).ToArray();

    private static (double Value, double DAlpha, double DTau) Evaluate(Prepared[] pools, double alpha, double tau, double k, TopKVariant variant)
    {
        if (pools.Length == 0) return (0, 0, 0);
        double value = 0, dAlpha = 0, dTau = 0;
        foreach (var pool in pools)
        {
            var n = pool.B.Length;
            var x = new double[n];
            for (var i = 0; i < n; i++) x[i] = alpha * pool.C[i] + (1 - alpha) * pool.B[i];
            var p = new double[n];
            var fPrime = new double[n];
            var kk = Math.Min(k, n);
            SmoothTopK.Compute(x, kk, tau, p, variant);
            SmoothTopK.Derivatives(x, kk, tau, fPrime, variant);
            var u = new double[n];
            SmoothTopK.JacobianTimes(fPrime, tau, pool.R, u);
            for (var i = 0; i < n; i++)
            {
                value += pool.R[i] * p[i];
                dAlpha += u[i] * (pool.C[i] - pool.B[i]);
                dTau -= u[i] * x[i] / tau;
            }
        }
        return (value / pools.Length, dAlpha / pools.Length, dTau / pools.Length);
    }

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));
}
