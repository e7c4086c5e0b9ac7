namespace PaperSearch.Ranking.Metrics;

/// <summary>Mean metrics over queries, keyed like BEIR's output ("NDCG@10", "Recall@100", "MRR@10").</summary>
public sealed record EvaluationReport(int QueryCount, IReadOnlyDictionary<string, double> Scores)
{
    public double this[string metric] => Scores[metric];
}

/// <summary>Averages <see cref="IrMetrics"/> over the queries of a run, as BEIR's EvaluateRetrieval does.</summary>
public static class RetrievalEvaluation
{
    /// <param name="run">query id → document ids, best first.</param>
    /// <param name="qrels">query id → (document id → grade).</param>
    /// <param name="ks">cut-offs, e.g. 1, 10, 100.</param>
    /// <param name="ignoreIdenticalIds">drop hits whose id equals the query id (BEIR's default, for
    /// data sets such as ArguAna/Quora where queries are also corpus documents).</param>
    public static EvaluationReport Evaluate(IReadOnlyDictionary<string, IReadOnlyList<string>> run,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels, IReadOnlyList<int> ks, bool ignoreIdenticalIds = true)
    {
        // Deviation from BEIR: BEIR averages over the queries pytrec_eval returns (judged queries that
        // appear in the run). We average over judged queries with a relevant document, scoring a query
        // missing from the run as 0, so an engine cannot gain by returning nothing for hard queries.
        // When every query is answered the two agree.
        var queries = qrels.Where(q => q.Value.Values.Any(g => g > 0)).Select(q => q.Key).ToArray();
        var sums = new Dictionary<string, double>();
        foreach (var k in ks) sums[$"NDCG@{k}"] = sums[$"Recall@{k}"] = sums[$"MRR@{k}"] = 0;
        foreach (var qid in queries)
        {
            IReadOnlyList<string> ranked = run.TryGetValue(qid, out var hits) ? hits : [];
            if (ignoreIdenticalIds) ranked = ranked.Where(d => d != qid).ToArray();
            var judged = qrels[qid];
            foreach (var k in ks)
            {
                sums[$"NDCG@{k}"] += IrMetrics.Ndcg(ranked, judged, k);
                sums[$"Recall@{k}"] += IrMetrics.Recall(ranked, judged, k);
                sums[$"MRR@{k}"] += IrMetrics.ReciprocalRank(ranked, judged, k);
            }
        }
        var n = queries.Length;
        return new EvaluationReport(n, sums.ToDictionary(s => s.Key, s => n > 0 ? s.Value / n : 0));
    }
}
