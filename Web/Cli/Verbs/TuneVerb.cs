using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PaperSearch.Ranking.Fusion;
using PaperSearch.Web.Cli.Evaluation;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Related;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class TuneVerb : ICliVerb
{
    private readonly Argument<string> _beirDir = new("BEIR_DIR") { Description = "a BEIR folder with qrels/<split>.tsv" };
    private readonly Option<string> _split = new("--split") { Description = "the qrels file to learn from", HelpName = "SPLIT", DefaultValueFactory = _ => "train" };
    private readonly Option<int?> _k = CliOptions.WholeNumber("--k", 1, 100, "the cut-off the smooth Top-k membership is learned for (default 10)");
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "print the learned values without writing them" };
    private readonly Option<string?> _task = CliOptions.OneOf("--task", ["search", "related", "library"],
        EvalTask.Help + " (writes Search:…, Related:… or Library:…)");
    private readonly Option<string?> _libraries = new("--libraries")
    {
        Description = "--task library: the judged libraries to tune on, JSON lines {\"_id\", \"positives\": [...], \"relevant\": [...]}", HelpName = "FILE",
    };
    private readonly Option<bool> _json = new("--json") { Description = "--task library: print the grid and the choice as JSON" };

    public TuneVerb() => Command = new("tune",
        "learn the hybrid fusion weight α and temperature τ on judged queries (--task library: a grid over Library:Lambda and the fusion weights); " +
        "writes them to {data-dir}/settings.json") { _beirDir, _split, _k, _dryRun, _task, _libraries, _json };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        if (EvalTask.IsLibrary(args.GetValue(_task))) return await TuneLibrary.RunAsync(args.GetRequiredValue(_beirDir), args.GetValue(_libraries),
            args.GetValue(_json), args.GetValue(_dryRun), services, ct);
        if (args.GetValue(_libraries) is not null) throw new UsageException("--libraries goes with --task library.");
        var split = args.GetRequiredValue(_split);
        var k = args.GetValue(_k) ?? 10;

        await using var workspace = await EvalWorkspace.OpenAsync(args.GetRequiredValue(_beirDir), split, services, needVectors: true, ct);
        var search = workspace.Services.GetRequiredService<SearchService>();
        if (!search.SemanticAvailable)
        {
            Console.Error.WriteLine("error: tuning needs an embedding model; none is available.");
            return ExitCodes.Failure;
        }
        var related = EvalTask.IsRelated(args.GetValue(_task));
        var poolSize = workspace.Services.GetRequiredService<IOptions<SearchOptions>>().Value.CandidatePool;
        var relatedWork = workspace.Services.GetRequiredService<RelatedWorkService>();
        var pools = new List<TrainingPool>();
        foreach (var (qid, text) in workspace.Dataset.Queries)
        {
            if (!workspace.Dataset.Qrels.TryGetValue(qid, out var judged)) continue;
            IReadOnlyList<string> ids;
            double[] bm25, cosines;
            if (related)
            {
                var pool = relatedWork.Pool(EvalTask.RequestFor(workspace.Dataset, qid, text, RelatedRanking.Hybrid));
                (ids, bm25, cosines) = (pool.Ids, pool.Bm25, pool.CosinesImputed());
            }
            else
            {
                if (!EvalVerb.TryParseWords(text, out var query) || query.IsBlank) continue;
                var pool = search.Candidates(new SearchRequest { Query = query, Mode = SearchMode.Hybrid }, poolSize);
                (ids, bm25, cosines) = (pool.Ids, pool.Bm25, pool.CosinesImputed());
            }
            if (ids.Count == 0) continue;
            var relevant = ids.Select(id => judged.TryGetValue(id, out var g) && g > 0).ToArray();
            // A pool with no relevant candidate carries no signal about α or τ.
            if (relevant.Any(r => r)) pools.Add(new TrainingPool(bm25, cosines, relevant));
        }
        if (pools.Count == 0)
        {
            Console.Error.WriteLine("error: no judged query has a relevant document among its candidates.");
            return ExitCodes.Failure;
        }

        var (section, startAlpha, startTau) = related
            ? (RelatedOptions.Section, services.GetRequiredService<IOptions<RelatedOptions>>().Value.Alpha, services.GetRequiredService<IOptions<RelatedOptions>>().Value.Tau)
            : (SearchOptions.Section, services.GetRequiredService<IOptions<SearchOptions>>().Value.Alpha, services.GetRequiredService<IOptions<SearchOptions>>().Value.Tau);
        var tuned = FusionTuner.Tune(pools, k, iterations: 200, startAlpha: startAlpha, startTau: startTau);
        Console.WriteLine($"{pools.Count} training queries ({split}), k = {k}: surrogate {tuned.History[0]:F4} → {tuned.History[^1]:F4} " +
                          $"in {tuned.History.Count - 1} steps");
        Console.WriteLine($"{section}:Alpha = {tuned.Alpha:F4}, {section}:Tau = {tuned.Tau:F4}");
        if (args.GetValue(_dryRun)) return ExitCodes.Ok;

        var dataDir = services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
        var path = TunedSettings.Write(dataDir, section, tuned.Alpha, tuned.Tau);
        Console.WriteLine($"Written to {path} (overrides appsettings.json for this data dir).");
        return ExitCodes.Ok;
    }
}

/// <summary>Learned settings live beside the data they were learned for: <c>{DataDir}/settings.json</c>.</summary>
public static class TunedSettings
{
    /// <summary>Writes <c>{section}:Alpha</c> and <c>{section}:Tau</c>, keeping everything else in the file.</summary>
    public static string Write(string dataDir, string section, double alpha, double tau) =>
        Write(dataDir, section, new Dictionary<string, double> { ["Alpha"] = alpha, ["Tau"] = tau });

    /// <summary>Writes each of <paramref name="settings"/> as <c>{section}:{key}</c> (4 decimals), keeping everything else in the file.</summary>
    public static string Write(string dataDir, string section, IReadOnlyDictionary<string, double> settings)
    {
        var path = DataPaths.Settings(dataDir);
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];
        var values = root[section] as JsonObject ?? [];
        foreach (var (key, value) in settings) values[key] = Math.Round(value, 4);
        root[section] = values;
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
