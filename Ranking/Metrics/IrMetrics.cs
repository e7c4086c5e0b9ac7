namespace PaperSearch.Ranking.Metrics;

/// <summary>
/// Per-query IR metrics, defined as BEIR computes them (pytrec_eval = trec_eval for nDCG and recall,
/// BEIR's own code for MRR). A document is relevant when its qrels grade is &gt; 0.
/// </summary>
public static class IrMetrics
{
    /// <summary>
    /// nDCG@k with graded relevance. trec_eval's ndcg_cut (which BEIR calls through pytrec_eval) uses
    /// the grade itself as gain (linear, NOT 2^rel − 1) and discount 1/log2(rank + 1), rank from 1;
    /// the ideal DCG sorts all judged grades descending. 0 when the query has no relevant document.
    /// </summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgments, int k)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (judgments.TryGetValue(ranked[i], out var grade) && grade > 0) dcg += grade / Math.Log2(i + 2);
        var ideal = judgments.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    /// <summary>Recall@k: relevant documents in the top k over all relevant documents.</summary>
    public static double Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgments, int k)
    {
        var relevant = judgments.Count(j => j.Value > 0);
        if (relevant == 0) return 0;
        return (double)ranked.Take(k).Count(d => judgments.TryGetValue(d, out var g) && g > 0) / relevant;
    }

    /// <summary>MRR@k: 1/rank of the first relevant document within the top k, else 0.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgments, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (judgments.TryGetValue(ranked[i], out var g) && g > 0) return 1.0 / (i + 1);
        return 0;
    }
}
