using PaperSearch.Ranking.Metrics;
using PaperSearch.Web.Library;

namespace PaperSearch.Web.Cli.Evaluation;

/// <summary>One point of the library grid and how the product's hybrid ranks the judged libraries with it.</summary>
public sealed record LibraryGridRow(double Lambda, double WeightLinear, double WeightNearest, double WeightBm25, double Ndcg10, double Recall100);

/// <summary>
/// <c>tune --task library</c>: a grid over the ridge <c>Library:Lambda</c> and the three fusion weights, scored by the
/// same ranking <c>eval --task library</c> measures. The weights do not change a library's candidate pool, the ridge does:
/// so the pools are built once per λ (<see cref="RecommendService.Pool"/>) and every weight is only a re-fusion of them
/// (<see cref="RecommendService.Rank"/>), milliseconds a point.
/// </summary>
public static class LibraryTuner
{
    /// <summary>The ridge, relative to the Gram matrix's mean eigenvalue: a log grid around the default 1.</summary>
    public static readonly double[] Lambdas = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    /// <summary>The weights' step on the simplex (linear + nearest + BM25 = 1): 66 points at 0.1.</summary>
    public const double WeightStep = 0.1;

    /// <summary>Every weight triple on the simplex at <see cref="WeightStep"/>, exact tenths (no 0.30000000000000004).</summary>
    public static IEnumerable<(double Linear, double Nearest, double Bm25)> WeightGrid()
    {
        var steps = (int)Math.Round(1 / WeightStep);
        for (var l = 0; l <= steps; l++)
            for (var n = 0; n <= steps - l; n++)
                yield return (Math.Round(l * WeightStep, 4), Math.Round(n * WeightStep, 4), Math.Round((steps - l - n) * WeightStep, 4));
    }

    /// <summary>Every grid row, in grid order (λ outer, then the weights).</summary>
    public static async Task<IReadOnlyList<LibraryGridRow>> RunAsync(RecommendService recommend, IReadOnlyList<JudgedLibrary> libraries,
        ISet<string> corpus, LibraryOptions current, CancellationToken ct)
    {
        // A library with one known paper is answered by that paper's related list whatever the Library settings
        // (RecommendService's own rule): its run is the same at every grid point, so it is taken once.
        var fixedRuns = new Dictionary<string, IReadOnlyList<string>>();
        var learned = new List<JudgedLibrary>();
        foreach (var library in libraries)
        {
            if (library.Positives.Distinct().Count(corpus.Contains) == 1)
                fixedRuns[library.Id] = (await recommend.RecommendAsync(EvalTask.RequestFor(library, RecommendModel.Hybrid), ct)).Hits.Select(h => h.Id).ToList();
            else learned.Add(library);
        }
        var judgements = EvalTask.Judgements(libraries);
        var rows = new List<LibraryGridRow>();
        foreach (var lambda in Lambdas)
        {
            var options = current.Copy();
            options.Lambda = lambda;
            var pools = learned.Select(l =>
            {
                ct.ThrowIfCancellationRequested();
                return (l.Id, Pool: recommend.Pool(EvalTask.RequestFor(l, RecommendModel.Hybrid), options));
            }).ToList();
            foreach (var (linear, nearest, bm25) in WeightGrid())
            {
                ct.ThrowIfCancellationRequested();
                (options.WeightLinear, options.WeightNearest, options.WeightBm25) = (linear, nearest, bm25);
                var run = new Dictionary<string, IReadOnlyList<string>>(fixedRuns);
                foreach (var (id, pool) in pools)
                    run[id] = RecommendService.Rank(pool, RecommendModel.Hybrid, options, RecommendRequest.MaxK).Select(r => pool.Ids[r.Index]).ToList();
                var report = RetrievalEvaluation.Evaluate(run, judgements, [10, 100]);
                rows.Add(new LibraryGridRow(lambda, linear, nearest, bm25, report["NDCG@10"], report["Recall@100"]));
            }
        }
        return rows;
    }

    /// <summary>The best row by nDCG@10, then Recall@100; among equals the first in grid order (the smaller ridge, less linear weight).</summary>
    public static LibraryGridRow Best(IReadOnlyList<LibraryGridRow> rows) =>
        rows.Select((r, i) => (r, i)).OrderByDescending(x => x.r.Ndcg10).ThenByDescending(x => x.r.Recall100).ThenBy(x => x.i).First().r;
}
