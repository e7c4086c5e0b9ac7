using System.Diagnostics;
using PaperSearch.Ranking.Metrics;
using PaperSearch.Web.Cli.Verbs;
using PaperSearch.Web.Library;
using PaperSearch.Web.Related;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Cli.Evaluation;

/// <summary>
/// The two tasks <c>eval</c> and <c>tune</c> measure: <c>search</c> (a query's words through the search pipeline) and
/// <c>related</c> (query by document: each query text is an input document of the related-work pipeline, its own id
/// excluded when the corpus holds it).
/// </summary>
public static class EvalTask
{
    public const string Help = "search (default): each query through search; related: each query text as a document through related work; " +
                               "library: each library of --libraries through recommendations";

    public static bool IsRelated(string? task) => task == "related";

    public static bool IsLibrary(string? task) => task == "library";

    /// <summary>The rows <c>eval --task library</c> reports: the product's model and the baselines it must beat.</summary>
    public static readonly RecommendModel[] LibraryModels =
        [RecommendModel.Hybrid, RecommendModel.Ridge, RecommendModel.Nearest, RecommendModel.Centroid, RecommendModel.Bm25];

    /// <summary>The recommendation request for one judged library: its positives, the top 100 of the whole corpus.</summary>
    public static RecommendRequest RequestFor(JudgedLibrary library, RecommendModel model) =>
        new() { Positives = library.Positives, K = RecommendRequest.MaxK, Model = model };

    /// <summary>Ranks the corpus for each library (its positives excluded) and scores nDCG@10 and Recall@100 against its relevant papers.</summary>
    public static async Task<EvalVerb.ModeResult> EvaluateLibraryAsync(RecommendService recommend, IReadOnlyList<JudgedLibrary> libraries,
        RecommendModel model, CancellationToken ct)
    {
        var run = new Dictionary<string, IReadOnlyList<string>>();
        var clock = Stopwatch.StartNew();
        foreach (var library in libraries)
        {
            ct.ThrowIfCancellationRequested();
            var result = await recommend.RecommendAsync(RequestFor(library, model), ct);
            run[library.Id] = result.Hits.Select(h => h.Id).ToList();
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var report = RetrievalEvaluation.Evaluate(run, Judgements(libraries), [10, 100]);
        return new EvalVerb.ModeResult(model.ToString().ToLowerInvariant(), report.QueryCount, report["NDCG@10"], report["Recall@100"], report["MRR@10"],
            elapsed / Math.Max(1, libraries.Count));
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgements(IReadOnlyList<JudgedLibrary> libraries) =>
        libraries.ToDictionary(l => l.Id, l => (IReadOnlyDictionary<string, int>)l.Relevant.Distinct().ToDictionary(id => id, _ => 1));

    public static RelatedRanking RankingOf(SearchMode mode) => mode switch
    {
        SearchMode.Bm25 => RelatedRanking.Bm25,
        SearchMode.Semantic => RelatedRanking.Semantic,
        _ => RelatedRanking.Hybrid,
    };

    /// <summary>The related-work request for one query document.</summary>
    public static RelatedWorkRequest RequestFor(BeirDataset data, string queryId, string text, RelatedRanking ranking) => new()
    {
        Text = text,
        K = RelatedWorkRequest.MaxK,
        Ranking = ranking,
        Exclude = data.Corpus.ContainsKey(queryId) ? [queryId] : [],
    };

    public static async Task<EvalVerb.ModeResult> EvaluateRelatedAsync(RelatedWorkService related, BeirDataset data, SearchMode mode, CancellationToken ct)
    {
        var run = new Dictionary<string, IReadOnlyList<string>>();
        var clock = Stopwatch.StartNew();
        foreach (var (qid, text) in data.Queries)
        {
            ct.ThrowIfCancellationRequested();
            var result = await related.FindAsync(RequestFor(data, qid, text, RankingOf(mode)), ct);
            run[qid] = result.Hits.Select(h => h.Id).ToList();
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var report = RetrievalEvaluation.Evaluate(run, data.Qrels, [10, 100]);
        return new EvalVerb.ModeResult(mode.ToString().ToLowerInvariant(), report.QueryCount, report["NDCG@10"], report["Recall@100"], report["MRR@10"],
            elapsed / Math.Max(1, data.Queries.Count));
    }
}
