using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using PaperSearch.Indexer.Index;
using PaperSearch.Ranking.Metrics;
using PaperSearch.Web.Cli.Evaluation;
using PaperSearch.Web.Related;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class EvalVerb : ICliVerb
{
    private readonly Argument<string> _beirDir = new("BEIR_DIR") { Description = "a BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv" };
    private readonly Option<string?> _mode = CliOptions.OneOf("--mode", ["bm25", "semantic", "hybrid", "ridge", "nearest", "centroid", "all"],
        "the ranking to evaluate (default bm25; --task library: default all, also ridge, nearest, centroid)");
    private readonly Option<string> _split = new("--split") { Description = "the qrels file to judge by", HelpName = "SPLIT", DefaultValueFactory = _ => "test" };
    private readonly Option<bool> _json = new("--json") { Description = "print the results as JSON" };
    private readonly Option<string?> _task = CliOptions.OneOf("--task", ["search", "related", "library"], EvalTask.Help);
    private readonly Option<string?> _libraries = new("--libraries") { Description = "--task library: JSON lines {\"_id\", \"positives\": [...], \"relevant\": [...]}", HelpName = "FILE" };

    public EvalVerb() => Command = new("eval", "retrieval quality on a BEIR folder: nDCG@10, Recall@100, MRR@10 per mode") { _beirDir, _mode, _split, _json, _task, _libraries };

    public Command Command { get; }

    public sealed record ModeResult(string Mode, int Queries, double Ndcg10, double Recall100, double Mrr10, double MsPerQuery);

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        if (EvalTask.IsLibrary(args.GetValue(_task))) return await RunLibraryAsync(args, services, ct);
        if (args.GetValue(_libraries) is not null) throw new UsageException("--libraries goes with --task library.");
        var modeText = args.GetValue(_mode) ?? "bm25";
        if (modeText is "ridge" or "nearest" or "centroid") throw new UsageException($"--mode {modeText} is a library model: use it with --task library.");
        SearchMode[] modes = modeText == "all" ? [SearchMode.Bm25, SearchMode.Semantic, SearchMode.Hybrid]
            : [Enum.Parse<SearchMode>(modeText, ignoreCase: true)];
        var split = args.GetRequiredValue(_split);

        var related = EvalTask.IsRelated(args.GetValue(_task));

        await using var workspace = await EvalWorkspace.OpenAsync(args.GetRequiredValue(_beirDir), split, services, modes.Any(m => m != SearchMode.Bm25), ct);
        var search = workspace.Services.GetRequiredService<SearchService>();
        var results = new List<ModeResult>();
        foreach (var mode in modes)
        {
            if (mode != SearchMode.Bm25 && !search.SemanticAvailable)
            {
                Console.Error.WriteLine($"{mode.ToString().ToLowerInvariant()}: skipped, no embedding model is available.");
                continue;
            }
            results.Add(related
                ? await EvalTask.EvaluateRelatedAsync(workspace.Services.GetRequiredService<RelatedWorkService>(), workspace.Dataset, mode, ct)
                : await EvaluateAsync(search, workspace.Dataset, mode, ct));
        }

        Print(results, args.GetValue(_json));
        return ExitCodes.Ok;
    }

    /// <summary><c>--task library</c>: every library of the file through recommendations, one row per model.</summary>
    private async Task<int> RunLibraryAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var path = args.GetValue(_libraries) ?? throw new UsageException("--task library needs --libraries FILE (JSON lines {\"_id\", \"positives\", \"relevant\"}).");
        var modeText = args.GetValue(_mode) ?? "all";
        if (modeText == "semantic") throw new UsageException("--mode semantic is not a library model; use hybrid, ridge, nearest, centroid, bm25 or all.");
        var libraries = await LibrarySet.ReadAsync(path, ct);
        var models = modeText == "all" ? EvalTask.LibraryModels : [Enum.Parse<Library.RecommendModel>(modeText, ignoreCase: true)];
        await using var workspace = await EvalWorkspace.OpenAsync(args.GetRequiredValue(_beirDir), null, services, models.Any(m => m != Library.RecommendModel.Bm25), ct);
        var recommend = workspace.Services.GetRequiredService<Library.RecommendService>();
        var semantic = workspace.Services.GetRequiredService<SearchService>().SemanticAvailable;
        var results = new List<ModeResult>();
        foreach (var model in models)
        {
            if (model != Library.RecommendModel.Bm25 && !semantic)
            {
                Console.Error.WriteLine($"{model.ToString().ToLowerInvariant()}: skipped, no embedding model is available.");
                continue;
            }
            results.Add(await EvalTask.EvaluateLibraryAsync(recommend, libraries, model, ct));
        }
        Print(results, args.GetValue(_json));
        return ExitCodes.Ok;
    }

    private static void Print(IReadOnlyList<ModeResult> results, bool json)
    {
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(results, CliJson.Options));
        else
        {
            Console.WriteLine($"{"mode",-9} {"queries",7} {"nDCG@10",8} {"R@100",7} {"MRR@10",7} {"ms/q",7}");
            foreach (var r in results)
                Console.WriteLine($"{r.Mode,-9} {r.Queries,7} {r.Ndcg10,8:F4} {r.Recall100,7:F4} {r.Mrr10,7:F4} {r.MsPerQuery,7:F1}");
        }
    }

    /// <summary>A query text (a claim, a title) as a bag of words; false when it is over the query limits.</summary>
    internal static bool TryParseWords(string text, out ParsedQuery query)
    {
        try { query = PaperQuery.ParseWords(text); return true; }
        catch (QuerySyntaxException) { query = PaperQuery.Parse(null); return false; }
    }

    /// <summary>Runs every judged query of <paramref name="data"/> through the product's search in one mode and scores the run.</summary>
    internal static async Task<ModeResult> EvaluateAsync(SearchService search, BeirDataset data, SearchMode mode, CancellationToken ct)
    {
        var run = new Dictionary<string, IReadOnlyList<string>>();
        var clock = Stopwatch.StartNew();
        foreach (var (qid, text) in data.Queries)
        {
            if (!TryParseWords(text, out var query)) { run[qid] = []; continue; } // over the query limits: scored as a miss
            if (query.IsBlank) continue;
            var outcome = await search.SearchAsync(new SearchRequest { Query = query, Mode = mode, Size = 100 }, ct);
            run[qid] = outcome.Response?.Hits.Select(h => h.Id).ToList() ?? [];
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var report = RetrievalEvaluation.Evaluate(run, data.Qrels, [10, 100]);
        return new ModeResult(mode.ToString().ToLowerInvariant(), report.QueryCount, report["NDCG@10"], report["Recall@100"], report["MRR@10"],
            elapsed / Math.Max(1, data.Queries.Count));
    }
}
