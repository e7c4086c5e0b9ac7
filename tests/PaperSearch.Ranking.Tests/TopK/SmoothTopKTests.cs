using PaperSearch.Ranking.TopK;

namespace PaperSearch.Ranking.Tests.TopK;

public sealed class SmoothTopKTests
{
    public static TheoryData<TopKVariant, int> VariantsAndSeeds()
    {
        var data = new TheoryData<TopKVariant, int>();
        foreach (var v in Enum.GetValues<TopKVariant>())
            for (var seed = 1; seed <= 4; seed++) data.Add(v, seed);
        return data;
    }

    private static (double[] X, double K) RandomCase(int seed)
    {
        var rng = new Random(seed);
        var n = seed switch { 1 => 7, 2 => 50, 3 => 333, _ => 1000 };
        var spread = seed switch { 1 => 1.0, 2 => 10.0, 3 => 0.1, _ => 3.0 };
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = spread * (rng.NextDouble() * 2 - 1);
        var k = seed % 2 == 0 ? Math.Max(1, n / 10) : 1 + rng.NextDouble() * (n - 2);
        return (x, k);
    }

    [Theory, MemberData(nameof(VariantsAndSeeds))]
    public void Compute_SumsToKWithinUnitInterval_WhenInputRandom(TopKVariant variant, int seed)
    {
        var (x, k) = RandomCase(seed);
        var p = new double[x.Length];
        SmoothTopK.Compute(x, k, 1.0, p, variant);
        Assert.Equal(k, p.Sum(), 1e-9);
        Assert.All(p, v => Assert.InRange(v, 0.0, 1.0));
    }

    [Theory, MemberData(nameof(VariantsAndSeeds))]
    public void Compute_IsMonotone_WhenInputRandom(TopKVariant variant, int seed)
    {
        var (x, k) = RandomCase(seed);
        var p = new double[x.Length];
        SmoothTopK.Compute(x, k, 0.7, p, variant);
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        for (var i = 1; i < order.Length; i++) Assert.True(p[order[i]] >= p[order[i - 1]] - 1e-15);
    }

    [Theory, MemberData(nameof(VariantsAndSeeds))]
    public void Compute_IsShiftInvariant_WhenConstantAdded(TopKVariant variant, int seed)
    {
        var (x, k) = RandomCase(seed);
        var p = new double[x.Length];
        var q = new double[x.Length];
        var lambda = SmoothTopK.Compute(x, k, 1.0, p, variant);
        var shifted = x.Select(v => v + 123.25).ToArray();
        var lambdaShifted = SmoothTopK.Compute(shifted, k, 1.0, q, variant);
        for (var i = 0; i < p.Length; i++) Assert.Equal(p[i], q[i], 1e-9);
        Assert.Equal(lambda + 123.25, lambdaShifted, 1e-8);
    }

    [Theory, MemberData(nameof(VariantsAndSeeds))]
    public void Compute_ApproachesHardTopK_WhenTemperatureGoesToZero(TopKVariant variant, int seed)
    {
        var (x, _) = RandomCase(seed);
        var k = Math.Max(1, x.Length / 5);
        var p = new double[x.Length];
        SmoothTopK.Compute(x, k, 1e-6, p, variant);
        var top = Enumerable.Range(0, x.Length).OrderByDescending(i => x[i]).Take(k).ToHashSet();
        for (var i = 0; i < x.Length; i++) Assert.Equal(top.Contains(i) ? 1.0 : 0.0, p[i], 1e-3);
    }

    [Theory, MemberData(nameof(VariantsAndSeeds))]
    public void Jacobian_MatchesCentralFiniteDifferences_WhenInputRandom(TopKVariant variant, int seed)
    {
        var (full, k) = RandomCase(seed);
        var x = full.Take(40).ToArray(); // dense n×n check; the O(n) product is checked below
        k = Math.Min(k, x.Length - 0.5);
        const double tau = 0.8, h = 1e-6;
        var n = x.Length;
        var jac = new double[n * n];
        SmoothTopK.Jacobian(x, k, tau, jac, variant);
        var plus = new double[n];
        var minus = new double[n];
        for (var j = 0; j < n; j++)
        {
            var xp = (double[])x.Clone(); xp[j] += h;
            var xm = (double[])x.Clone(); xm[j] -= h;
            SmoothTopK.Compute(xp, k, tau, plus, variant);
            SmoothTopK.Compute(xm, k, tau, minus, variant);
            for (var i = 0; i < n; i++) Assert.Equal((plus[i] - minus[i]) / (2 * h), jac[i * n + j], 1e-5);
        }
    }

    [Fact]
    public void JacobianTimes_EqualsDenseProduct_WhenVectorRandom()
    {
        var rng = new Random(9);
        var x = Enumerable.Range(0, 30).Select(_ => rng.NextDouble() * 4).ToArray();
        var v = Enumerable.Range(0, 30).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var jac = new double[900];
        SmoothTopK.Jacobian(x, 5, 0.5, jac);
        var d = new double[30];
        SmoothTopK.Derivatives(x, 5, 0.5, d);
        var jv = new double[30];
        SmoothTopK.JacobianTimes(d, 0.5, v, jv);
        for (var i = 0; i < 30; i++)
            Assert.Equal(Enumerable.Range(0, 30).Sum(j => jac[i * 30 + j] * v[j]), jv[i], 1e-12);
    }

    [Fact]
    public void Compute_EqualsSoftmax_WhenClippedExponentialAndKIsOne()
    {
        double[] x = [0.3, -1.2, 2.5, 0.0, 1.1];
        var p = new double[x.Length];
        SmoothTopK.Compute(x, 1, 1, p, TopKVariant.ClippedExponential);
        var z = x.Sum(Math.Exp);
        for (var i = 0; i < x.Length; i++) Assert.Equal(Math.Exp(x[i]) / z, p[i], 1e-12);
    }

    [Theory]
    [InlineData(TopKVariant.PiecewiseExponential)]
    [InlineData(TopKVariant.ClippedExponential)]
    [InlineData(TopKVariant.Logistic)]
    public void Compute_StaysFinite_WhenValuesAreHuge(TopKVariant variant)
    {
        double[] x = [1e4, -1e4, 5e3, -9999.5, 0, 1e4 - 1];
        var p = new double[x.Length];
        var lambda = SmoothTopK.Compute(x, 2.5, 1, p, variant);
        Assert.True(double.IsFinite(lambda));
        Assert.Equal(2.5, p.Sum(), 1e-9);
        Assert.All(p, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1.0, p[0], 1e-9);
    }

    [Fact]
    public void Compute_MatchesHandSolvedThreshold_WhenTwoEntries()
    {
        // x = [1, 0], k = 1, piecewise exponential: by symmetry λ = ½ and p = [1 − ½e^{−½}, ½e^{−½}].
        var p = new double[2];
        var lambda = SmoothTopK.Compute([1.0, 0.0], 1, 1, p);
        Assert.Equal(0.5, lambda, 1e-12);
        Assert.Equal(1 - 0.5 * Math.Exp(-0.5), p[0], 1e-12);
    }

    [Fact]
    public void Compute_UsesEveryEntrySaturatedBranch_WhenKCloseToN()
    {
        // k = n − 0.01 puts λ below the minimum: the m = n closed form λ = log(2(n−k)) − log Σe^{−x}.
        double[] x = [3, 1, 2];
        var p = new double[3];
        var lambda = SmoothTopK.Compute(x, 2.99, 1, p);
        Assert.Equal(Math.Log(2 * 0.01) - Math.Log(x.Sum(v => Math.Exp(-v))), lambda, 1e-12);
        Assert.Equal(2.99, p.Sum(), 1e-12);
    }

    [Theory]
    [InlineData(TopKVariant.PiecewiseExponential)]
    [InlineData(TopKVariant.ClippedExponential)]
    [InlineData(TopKVariant.Logistic)]
    public void Compute_HandlesEdgeCases_WhenKOutOfRangeOrEmptyOrTied(TopKVariant variant)
    {
        var p = new double[3];
        SmoothTopK.Compute([1.0, 2, 3], 3, 1, p, variant);
        Assert.All(p, v => Assert.Equal(1.0, v));
        SmoothTopK.Compute([1.0, 2, 3], 0, 1, p, variant);
        Assert.All(p, v => Assert.Equal(0.0, v));
        SmoothTopK.Compute([], 1, 1, Span<double>.Empty, variant);
        SmoothTopK.Compute([5.0, 5, 5], 2, 1, p, variant);
        Assert.All(p, v => Assert.Equal(2.0 / 3, v, 1e-12));
    }

    [Fact]
    public void Compute_Throws_WhenInputHasNaNOrTauNotPositive()
    {
        var p = new double[2];
        Assert.Throws<ArgumentException>(() => SmoothTopK.Compute([1.0, double.NaN], 1, 1, p));
        Assert.Throws<ArgumentException>(() => SmoothTopK.Compute([1.0, 2], 1, 0, p));
        Assert.Throws<ArgumentException>(() => SmoothTopK.Compute([1.0, 2], double.NaN, 1, p));
    }
}
