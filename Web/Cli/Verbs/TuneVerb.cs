using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PaperSearch.Ranking.Fusion;
using PaperSearch.Web.Cli.Evaluation;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class TuneVerb : ICliVerb
{
    private readonly Argument<string> _beirDir = new("BEIR_DIR") { Description = "a BEIR folder with qrels/<split>.tsv" };
    private readonly Option<string> _split = new("--split") { Description = "the qrels file to learn from", HelpName = "SPLIT", DefaultValueFactory = _ => "train" };
    private readonly Option<int?> _k = CliOptions.WholeNumber("--k", 1, 100, "the cut-off the smooth Top-k membership is learned for (default 10)");
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "print the learned values without writing them" };

    public TuneVerb() => Command = new("tune",
        "learn the hybrid fusion weight α and temperature τ on judged queries; writes them to {data-dir}/settings.json") { _beirDir, _split, _k, _dryRun };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var split = args.GetRequiredValue(_split);
        var k = args.GetValue(_k) ?? 10;

        await using var workspace = await EvalWorkspace.OpenAsync(args.GetRequiredValue(_beirDir), split, services, needVectors: true, ct);
        var search = workspace.Services.GetRequiredService<SearchService>();
        if (!search.SemanticAvailable)
        {
            Console.Error.WriteLine("error: tuning needs an embedding model; none is available.");
            return ExitCodes.Failure;
        }
        var poolSize = workspace.Services.GetRequiredService<IOptions<SearchOptions>>().Value.CandidatePool;
        var pools = new List<TrainingPool>();
        foreach (var (qid, text) in workspace.Dataset.Queries)
        {
            if (!EvalVerb.TryParseWords(text, out var query) || query.IsBlank || !workspace.Dataset.Qrels.TryGetValue(qid, out var judged)) continue;
            var pool = search.Candidates(new SearchRequest { Query = query, Mode = SearchMode.Hybrid }, poolSize);
            if (pool.Ids.Count == 0) continue;
            var relevant = pool.Ids.Select(id => judged.TryGetValue(id, out var g) && g > 0).ToArray();
            // A pool with no relevant candidate carries no signal about α or τ.
            if (relevant.Any(r => r)) pools.Add(new TrainingPool(pool.Bm25, pool.CosinesImputed(), relevant));
        }
        if (pools.Count == 0)
        {
            Console.Error.WriteLine("error: no judged query has a relevant document among its candidates.");
            return ExitCodes.Failure;
        }

        var current = services.GetRequiredService<IOptions<SearchOptions>>().Value;
        var tuned = FusionTuner.Tune(pools, k, iterations: 200, startAlpha: current.Alpha, startTau: current.Tau);
        Console.WriteLine($"{pools.Count} training queries ({split}), k = {k}: surrogate {tuned.History[0]:F4} → {tuned.History[^1]:F4} " +
                          $"in {tuned.History.Count - 1} steps");
        Console.WriteLine($"alpha = {tuned.Alpha:F4}, tau = {tuned.Tau:F4}");
        if (args.GetValue(_dryRun)) return ExitCodes.Ok;

        var dataDir = services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
        var path = TunedSettings.Write(dataDir, tuned.Alpha, tuned.Tau);
        Console.WriteLine($"Written to {path} (overrides appsettings.json for this data dir).");
        return ExitCodes.Ok;
    }
}

/// <summary>Learned settings live beside the data they were learned for: <c>{DataDir}/settings.json</c>.</summary>
public static class TunedSettings
{
    public static string Write(string dataDir, double alpha, double tau)
    {
        var path = DataPaths.Settings(dataDir);
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];
        var search = root["Search"] as JsonObject ?? [];
        search["Alpha"] = Math.Round(alpha, 4);
        search["Tau"] = Math.Round(tau, 4);
        root["Search"] = search;
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
