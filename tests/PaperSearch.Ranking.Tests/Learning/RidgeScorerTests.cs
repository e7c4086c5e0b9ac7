using MathNet.Numerics.LinearAlgebra;
using PaperSearch.Ranking.Learning;

namespace PaperSearch.Ranking.Tests.Learning;

public sealed class RidgeScorerTests
{
    private static (float[] Rows, float[] Labels, float[] Weights) Data(int n, int r, int seed)
    {
        var random = new Random(seed);
        var rows = new float[n * r];
        var labels = new float[n];
        var weights = new float[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 5 == 0 ? 1 : 0;
            weights[i] = labels[i] == 1 ? 4 : 1;
            for (var j = 0; j < r; j++) rows[i * r + j] = (float)(random.NextDouble() * 2 - 1 + (labels[i] == 1 && j < 3 ? 0.8 : 0));
        }
        return (rows, labels, weights);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void Fit_MatchesTheNormalEquationsWithAnInterceptAndAnUnpenalisedBias(double relativeLambda)
    {
        const int n = 300, r = 8;
        var (rows, labels, weights) = Data(n, r, 7);
        var scorer = RidgeScorer.Fit(rows, r, labels, weights, relativeLambda);

        // Direct solution: centre with the weighted means, then (XᵀWX + λI) w = XᵀW(y − ȳ).
        var x = Matrix<double>.Build.Dense(n, r, (i, j) => rows[i * r + j]);
        var w = Vector<double>.Build.Dense(weights.Select(v => (double)v).ToArray());
        var y = Vector<double>.Build.Dense(labels.Select(v => (double)v).ToArray());
        var mean = x.TransposeThisAndMultiply(w) / w.Sum();
        var meanY = w.DotProduct(y) / w.Sum();
        var centred = x - Matrix<double>.Build.Dense(n, r, (_, j) => mean[j]);
        var gram = centred.Transpose() * Matrix<double>.Build.DenseOfDiagonalVector(w) * centred;
        var lambda = relativeLambda * gram.Trace() / r;
        var expected = (gram + lambda * Matrix<double>.Build.DenseIdentity(r)).Solve(centred.Transpose() * (w.PointwiseMultiply(y - meanY)));

        for (var j = 0; j < r; j++) Assert.Equal(expected[j], scorer.Weights[j], 1e-4);
        Assert.Equal(meanY - expected.DotProduct(mean), scorer.Bias, 1e-4);
    }

    [Fact]
    public void Fit_ScoresThePositivesAboveTheRest()
    {
        const int n = 500, r = 16;
        var (rows, labels, weights) = Data(n, r, 3);
        var scorer = RidgeScorer.Fit(rows, r, labels, weights, 0.1);
        var scores = Enumerable.Range(0, n).Select(i => scorer.Score(rows.AsSpan(i * r, r))).ToArray();
        var positive = Enumerable.Range(0, n).Where(i => labels[i] == 1).Average(i => scores[i]);
        var negative = Enumerable.Range(0, n).Where(i => labels[i] == 0).Average(i => scores[i]);
        Assert.True(positive > negative + 0.3, $"positives {positive:F3}, others {negative:F3}");
    }

    [Fact]
    public void Fit_WithAHugeRidge_ShrinksTheWeightsToNothing()
    {
        var (rows, labels, weights) = Data(200, 4, 5);
        var scorer = RidgeScorer.Fit(rows, 4, labels, weights, 1e6);
        Assert.All(scorer.Weights, v => Assert.InRange(v, -1e-4, 1e-4));
    }

    [Fact]
    public void Fit_HandlesAFeatureThatNeverVaries()
    {
        var (rows, labels, weights) = Data(100, 4, 9);
        for (var i = 0; i < 100; i++) rows[i * 4 + 3] = 0.5f; // a rank-deficient Gram matrix
        var scorer = RidgeScorer.Fit(rows, 4, labels, weights, 1e-3);
        Assert.All(scorer.Weights, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(0, scorer.Weights[3], 1e-5);
    }
}
