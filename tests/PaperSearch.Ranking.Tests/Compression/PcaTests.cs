using PaperSearch.Ranking.Compression;

namespace PaperSearch.Ranking.Tests.Compression;

public sealed class PcaTests
{
    private const int D = 32;
    private static readonly double[] Sigmas = [4, 3, 2, 1.5];
    private const double Noise = 0.1;

    private static (float[] Data, double[][] Basis) Sample(int seed, int n = 4000)
    {
        var rng = new Random(seed);
        var basis = Synthetic.OrthonormalRows(rng, Sigmas.Length, D);
        return (Synthetic.LowRank(rng, n, D, Sigmas, Noise, basis, meanOffset: 50), basis);
    }

    [Fact]
    public void Fit_RecoversSubspaceAndVariance_WhenCovarianceIsLowRank()
    {
        var (data, basis) = Sample(1);
        var model = PcaFitter.Fit(data, D);
        var projection = model.ToProjection(Sigmas.Length);

        // Each true basis vector lies (almost) inside the fitted span: ‖V_rᵀb‖ ≈ 1.
        foreach (var b in basis)
        {
            double inSpan = 0;
            for (var j = 0; j < projection.Rank; j++)
            {
                var dot = Enumerable.Range(0, D).Sum(t => projection.Encoder[j * D + t] * b[t]);
                inSpan += dot * dot;
            }
            Assert.InRange(inSpan, 0.999, 1.0001);
        }
        // Top eigenvalues ≈ σ² + noise² (sampling error ~ σ²·√(2/n)), the rest ≈ noise².
        for (var j = 0; j < Sigmas.Length; j++)
            Assert.Equal(Sigmas[j] * Sigmas[j] + Noise * Noise, model.Eigenvalues[j], Sigmas[j] * Sigmas[j] * 0.08);
        Assert.All(model.Eigenvalues.Skip(Sigmas.Length), l => Assert.InRange(l, 0.005, 0.015));
        var expected = Sigmas.Sum(s => s * s) / (Sigmas.Sum(s => s * s) + D * Noise * Noise);
        Assert.Equal(expected, projection.ExplainedVarianceRatio, 0.01);
        Assert.Equal(Sigmas.Length, model.RankFor(0.98));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    public void ReconstructionError_EqualsDiscardedEigenvalues_WhenMeasuredOnFitData(int rank)
    {
        var (data, _) = Sample(2, n: 3000);
        var model = PcaFitter.Fit(data, D);
        var (mse, relative) = ReconstructionError.Measure(model.ToProjection(rank), data);
        Assert.Equal(model.DiscardedVariance(rank), mse, model.DiscardedVariance(rank) * 1e-3 + 1e-5);
        Assert.Equal(1 - model.ExplainedVarianceRatio(rank), relative, 1e-3);
    }

    [Fact]
    public void Accumulator_MatchesTwoPassCovariance_WhenStreamedInBatches()
    {
        var (data, _) = Sample(3, n: 2500);
        var acc = new CovarianceAccumulator(D);
        for (var start = 0; start < 2500; start += 700)
            acc.Add(data.AsMemory(start * D, Math.Min(700, 2500 - start) * D));
        var cov = acc.Covariance();
        var mean = new double[D];
        for (var i = 0; i < 2500; i++) for (var t = 0; t < D; t++) mean[t] += data[i * D + t] / 2500.0;
        for (var a = 0; a < D; a += 5)
        for (var b = 0; b < D; b += 3)
        {
            double s = 0;
            for (var i = 0; i < 2500; i++) s += (data[i * D + a] - mean[a]) * (data[i * D + b] - mean[b]);
            Assert.Equal(s / 2500, cov[a * D + b], 1e-9);
        }
        Assert.Equal(2500, acc.Count);
        Assert.Equal(mean[7], acc.Mean()[7], 1e-9);
    }

    [Fact]
    public void Projection_RoundTripsThroughBytes_WhenSerialised()
    {
        var (data, _) = Sample(4, n: 500);
        var original = PcaFitter.Fit(data, D).ToProjection(5);
        var copy = LowRankProjection.FromBytes(original.ToBytes());
        Assert.Equal(original.Dimension, copy.Dimension);
        Assert.Equal(original.Rank, copy.Rank);
        Assert.Equal(original.ExplainedVarianceRatio, copy.ExplainedVarianceRatio);
        Assert.Equal(original.Mean, copy.Mean);
        Assert.Equal(original.Encoder, copy.Encoder);
        Assert.True(copy.IsOrthonormal);

        var general = new LowRankProjection(D, 5, original.Mean, original.Encoder, original.Encoder.Select(v => v * 2).ToArray(), 0.5);
        var generalCopy = LowRankProjection.FromBytes(general.ToBytes());
        Assert.Equal(general.Decoder, generalCopy.Decoder);
        Assert.Throws<FormatException>(() => LowRankProjection.FromBytes(new byte[16]));
    }

    [Fact]
    public void ProjectQuery_GivesDotWithReconstruction_WhenMeanTermAdded()
    {
        var (data, _) = Sample(5, n: 400);
        var p = PcaFitter.Fit(data, D).ToProjection(4);
        var q = data.AsSpan(0, D).ToArray();
        var x = data.AsSpan(D, D);
        var code = new float[4];
        var rebuilt = new float[D];
        var projected = new float[4];
        p.Encode(x, code);
        p.Decode(code, rebuilt);
        p.ProjectQuery(q, projected);
        var viaCode = projected.Zip(code, (a, b) => a * b).Sum() + q.Zip(p.Mean, (a, b) => a * b).Sum();
        Assert.Equal(q.Zip(rebuilt, (a, b) => a * b).Sum(), viaCode, 1e-2);
    }
}
