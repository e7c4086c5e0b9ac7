using PaperSearch.Ranking.Metrics;

namespace PaperSearch.Ranking.Tests.Metrics;

public sealed class IrMetricsTests
{
    private static readonly Dictionary<string, int> Graded = new() { ["a"] = 3, ["b"] = 2, ["c"] = 1, ["n"] = 0 };

    [Fact]
    public void Ndcg_UsesLinearGain_WhenGradedRelevance()
    {
        // DCG@3 of [c, x, a] = 1/log2(2) + 0 + 3/log2(4) = 2.5; IDCG@3 = 3 + 2/log2(3) + 1/2.
        // (With 2^rel − 1 gains it would be 4.5 / (7 + 3/log2(3) + 1/2) = 0.479.)
        var expected = 2.5 / (3 + 2 / Math.Log2(3) + 0.5);
        Assert.Equal(expected, IrMetrics.Ndcg(["c", "x", "a", "b"], Graded, 3), 1e-12);
        Assert.Equal(1.0, IrMetrics.Ndcg(["a", "b", "c"], Graded, 10), 1e-12);
        Assert.Equal(0.0, IrMetrics.Ndcg(["n", "x"], Graded, 10));
        Assert.Equal(0.0, IrMetrics.Ndcg(["a"], new Dictionary<string, int> { ["a"] = 0 }, 10));
    }

    [Fact]
    public void Recall_CountsRelevantInTopK_WhenGradeAboveZero()
    {
        Assert.Equal(1.0 / 3, IrMetrics.Recall(["c", "n", "a", "b"], Graded, 2), 1e-12);
        Assert.Equal(2.0 / 3, IrMetrics.Recall(["c", "n", "a", "b"], Graded, 3), 1e-12);
        Assert.Equal(1.0, IrMetrics.Recall(["c", "n", "a", "b"], Graded, 100), 1e-12);
    }

    [Fact]
    public void ReciprocalRank_IsOneOverFirstRelevantRank_WhenWithinK()
    {
        Assert.Equal(1.0 / 3, IrMetrics.ReciprocalRank(["x", "n", "b"], Graded, 10), 1e-12);
        Assert.Equal(0.0, IrMetrics.ReciprocalRank(["x", "n", "b"], Graded, 2));
        Assert.Equal(1.0, IrMetrics.ReciprocalRank(["a"], Graded, 1));
    }

    [Fact]
    public void Evaluate_IgnoresQueryIdHitsAndScoresMissingQueriesZero_WhenAveraging()
    {
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q1"] = new Dictionary<string, int> { ["d1"] = 1 },
            ["q2"] = new Dictionary<string, int> { ["d2"] = 1 },
            ["q3"] = new Dictionary<string, int> { ["d3"] = 0 }, // nothing relevant: not averaged
        };
        var run = new Dictionary<string, IReadOnlyList<string>> { ["q1"] = ["q1", "d1"] };
        var report = RetrievalEvaluation.Evaluate(run, qrels, [1, 10]);
        Assert.Equal(2, report.QueryCount);
        Assert.Equal(0.5, report["MRR@1"], 1e-12);   // q1 → d1 at rank 1 once q1 itself is dropped; q2 missing → 0
        Assert.Equal(0.5, report["NDCG@10"], 1e-12);
        var strict = RetrievalEvaluation.Evaluate(run, qrels, [1], ignoreIdenticalIds: false);
        Assert.Equal(0.0, strict["MRR@1"]);
    }
}
