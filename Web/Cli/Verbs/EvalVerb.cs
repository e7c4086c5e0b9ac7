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
    private readonly Option<string?> _mode = CliOptions.OneOf("--mode", ["bm25", "semantic", "hybrid", "all"], "the ranking to evaluate (default bm25)");
    private readonly Option<string> _split = new("--split") { Description = "the qrels file to judge by", HelpName = "SPLIT", DefaultValueFactory = _ => "test" };
    private readonly Option<bool> _json = new("--json") { Description = "print the results as JSON" };
    private readonly Option<string?> _task = CliOptions.OneOf("--task", ["search", "related"], EvalTask.Help);

    public EvalVerb() => Command = new("eval", "retrieval quality on a BEIR folder: nDCG@10, Recall@100, MRR@10 per mode") { _beirDir, _mode, _split, _json, _task };

    public Command Command { get; }

    public sealed record ModeResult(string Mode, int Queries, double Ndcg10, double Recall100, double Mrr10, double MsPerQuery);

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var modeText = args.GetValue(_mode) ?? "bm25";
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

        if (args.GetValue(_json))
            Console.WriteLine(JsonSerializer.Serialize(results, CliJson.Options));
        else
        {
            Console.WriteLine($"{"mode",-9} {"queries",7} {"nDCG@10",8} {"R@100",7} {"MRR@10",7} {"ms/q",7}");
            foreach (var r in results)
                Console.WriteLine($"{r.Mode,-9} {r.Queries,7} {r.Ndcg10,8:F4} {r.Recall100,7:F4} {r.Mrr10,7:F4} {r.MsPerQuery,7:F1}");
        }
        return ExitCodes.Ok;
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
