using PaperSearch.Ranking.Fusion;
using PaperSearch.Ranking.Tests.Compression;

namespace PaperSearch.Ranking.Tests.Fusion;

public sealed class FusionTests
{
    [Fact]
    public void Normalize_MapsToUnitRangeOrStandardScores_WhenScoresDiffer()
    {
        double[] s = [2, 4, 6, 8];
        Assert.Equal([0, 1.0 / 3, 2.0 / 3, 1], ScoreNormalization.Normalize(s, NormalizationKind.MinMax));
        var z = ScoreNormalization.Normalize(s, NormalizationKind.ZScore);
        Assert.Equal(0, z.Sum(), 1e-12);
        Assert.Equal(1, z.Sum(v => v * v) / z.Length, 1e-12);
        Assert.Equal(-3 / Math.Sqrt(5), z[0], 1e-12);
    }

    [Fact]
    public void Normalize_GivesNeutralValue_WhenAllScoresEqual()
    {
        Assert.Equal([0.5, 0.5], ScoreNormalization.Normalize([3.0, 3.0], NormalizationKind.MinMax));
        Assert.Equal([0.0, 0.0], ScoreNormalization.Normalize([3.0, 3.0], NormalizationKind.ZScore));
        Assert.Empty(ScoreNormalization.Normalize([], NormalizationKind.MinMax));
        Assert.Throws<ArgumentException>(() => ScoreNormalization.Normalize([double.NaN], NormalizationKind.MinMax));
    }

    [Fact]
    public void Fuse_WeighsNormalisedScores_WhenAlphaGiven()
    {
        // bm25 → [0, 1, 0.5]; cosine → [1, 0, 0.5]
        var fused = HybridFusion.Fuse([10.0, 30, 20], [0.9, 0.1, 0.5], 0.25);
        Assert.Equal([0.25, 0.75, 0.5], fused.Select(v => Math.Round(v, 12)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => HybridFusion.Fuse([1.0], [1.0], 1.5));
    }

    [Fact]
    public void Rank_OrdersByFusedWithMembershipSummingToK_WhenPageEndGiven()
    {
        var hits = HybridFusion.Rank([10.0, 30, 20, 5], [0.9, 0.1, 0.5, 0.2], new FusionSettings(Alpha: 0.25), k: 2);
        Assert.Equal([1, 2, 0, 3], hits.Select(h => h.Index).ToArray());
        Assert.Equal(2, hits.Sum(h => h.Membership), 1e-9);
        Assert.True(hits[1].Membership > hits[2].Membership);
        Assert.Equal(30, hits[0].Bm25);
        Assert.Equal(0.1, hits[0].Cosine);
    }

    private static List<TrainingPool> InformativeCosinePools(int seed, int count = 30, int n = 40)
    {
        var rng = new Random(seed);
        var pools = new List<TrainingPool>();
        for (var q = 0; q < count; q++)
        {
            var relevant = Enumerable.Range(0, n).Select(i => i < 4).ToArray();
            var bm25 = Enumerable.Range(0, n).Select(_ => 5 + 3 * rng.NextDouble()).ToArray(); // uninformative
            var cosine = relevant.Select(r => (r ? 0.55 : 0.35) + 0.08 * Synthetic.Gaussian(rng)).ToArray();
            pools.Add(new TrainingPool(bm25, cosine, relevant));
        }
        return pools;
    }

    [Fact]
    public void Tune_MovesAlphaTowardCosineAndNeverDecreases_WhenCosineInformative()
    {
        var pools = InformativeCosinePools(1);
        var tuned = FusionTuner.Tune(pools, k: 5, iterations: 60, startAlpha: 0.3, startTau: 0.2);
        Assert.True(tuned.Alpha > 0.8, $"alpha = {tuned.Alpha}");
        for (var i = 1; i < tuned.History.Count; i++) Assert.True(tuned.History[i] >= tuned.History[i - 1]);
        Assert.True(tuned.History[^1] > tuned.History[0] + 0.5, $"{tuned.History[0]} → {tuned.History[^1]}");
    }

    [Theory]
    [InlineData(0.3, 0.2)]
    [InlineData(0.7, 0.05)]
    public void Surrogate_GradientMatchesFiniteDifferences_WhenPoolsRandom(double alpha, double tau)
    {
        var pools = InformativeCosinePools(2, count: 5, n: 25);
        const double h = 1e-6;
        var (_, dAlpha, dTau) = FusionTuner.Surrogate(pools, alpha, tau, 5);
        var fdAlpha = (FusionTuner.Surrogate(pools, alpha + h, tau, 5).Value - FusionTuner.Surrogate(pools, alpha - h, tau, 5).Value) / (2 * h);
        var fdTau = (FusionTuner.Surrogate(pools, alpha, tau + h, 5).Value - FusionTuner.Surrogate(pools, alpha, tau - h, 5).Value) / (2 * h);
        Assert.Equal(fdAlpha, dAlpha, 1e-5);
        Assert.Equal(fdTau, dTau, 1e-4);
        Assert.NotEqual(0, dAlpha);
    }
}
