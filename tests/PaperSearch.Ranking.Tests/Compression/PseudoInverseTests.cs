using MathNet.Numerics.LinearAlgebra;
using PaperSearch.Ranking.Compression;

namespace PaperSearch.Ranking.Tests.Compression;

public sealed class PseudoInverseTests
{
    private static Matrix<double> Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return Matrix<double>.Build.Dense(rows, cols, (_, _) => Synthetic.Gaussian(rng));
    }

    public static TheoryData<string> Shapes() => ["tall", "wide", "square", "rankDeficient", "rankDeficientWide"];

    private static Matrix<double> Make(string shape) => shape switch
    {
        "tall" => Random(9, 5, 1),
        "wide" => Random(4, 7, 2),
        "square" => Random(6, 6, 3),
        "rankDeficient" => Random(8, 3, 4) * Random(3, 6, 5),
        _ => Random(3, 2, 6) * Random(2, 9, 7),
    };

    [Theory, MemberData(nameof(Shapes))]
    public void Compute_SatisfiesFourPenroseConditions_WhenMatrixRandom(string shape)
    {
        var a = Make(shape);
        var x = PseudoInverse.Compute(a);
        const double tol = 1e-9;
        Assert.True((a * x * a - a).FrobeniusNorm() < tol * a.FrobeniusNorm(), "AXA = A");
        Assert.True((x * a * x - x).FrobeniusNorm() < tol * x.FrobeniusNorm(), "XAX = X");
        var ax = a * x;
        var xa = x * a;
        Assert.True((ax - ax.Transpose()).FrobeniusNorm() < tol, "(AX)ᵀ = AX");
        Assert.True((xa - xa.Transpose()).FrobeniusNorm() < tol, "(XA)ᵀ = XA");
    }

    [Fact]
    public void Compute_EqualsInverse_WhenMatrixInvertible()
    {
        var a = Make("square");
        Assert.True((PseudoInverse.Compute(a) - a.Inverse()).FrobeniusNorm() < 1e-9);
    }

    [Fact]
    public void Compute_DropsTinyDirection_WhenMatrixNearlySingular()
    {
        // diag(1, 1e-9): with the default tolerance the 1e-9 singular value counts as zero, so the
        // pseudo-inverse stays bounded instead of exploding to 1e9.
        var a = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0 }, { 0, 1e-9 } });
        var x = PseudoInverse.Compute(a);
        Assert.Equal(1.0, x[0, 0], 1e-12);
        Assert.Equal(0.0, x[1, 1], 1e-12);
    }

    [Fact]
    public void FitDecoder_SolvesNormalEquations_WhenEncoderNotOrthogonal()
    {
        var rng = new Random(11);
        const int d = 12, r = 4, n = 300;
        var basis = Synthetic.OrthonormalRows(rng, 6, d);
        var samples = Synthetic.LowRank(rng, n, d, [3, 2, 1.5, 1, 0.5, 0.3], 0.05, basis, 0.2);
        var mean = new float[d];
        for (var i = 0; i < n; i++) for (var t = 0; t < d; t++) mean[t] += samples[i * d + t] / n;
        var encoder = Enumerable.Range(0, r * d).Select(_ => (float)Synthetic.Gaussian(rng)).ToArray();

        var fitted = PseudoInverse.FitDecoder(mean, encoder, r, samples);
        var naive = new LowRankProjection(d, r, mean, encoder, encoder, double.NaN);

        Assert.False(fitted.IsOrthonormal);
        var best = ReconstructionError.Measure(fitted, samples).MeanSquared;
        Assert.True(best < ReconstructionError.Measure(naive, samples).MeanSquared);
        // Optimality: perturbing the least-squares decoder in any direction cannot lower the error.
        var perturbed = (float[])fitted.Decoder.Clone();
        perturbed[5] += 0.01f;
        var other = new LowRankProjection(d, r, mean, encoder, perturbed, double.NaN);
        Assert.True(ReconstructionError.Measure(other, samples).MeanSquared >= best);
    }
}
