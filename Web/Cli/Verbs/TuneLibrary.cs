using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperSearch.Web.Cli.Evaluation;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Library;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Cli.Verbs;

/// <summary><c>tune --task library</c>: the grid of <see cref="LibraryTuner"/> on a libraries file, every row printed, the best written to Library:….</summary>
internal static class TuneLibrary
{
    /// <summary>Said with every result: the values are chosen on the libraries they are scored on.</summary>
    public const string SplitNote = "There is no train split for libraries: the grid is scored on the libraries given (dev), " +
                                    "so the best row's numbers are optimistic; judge the chosen values on held-out libraries with eval --task library.";

    public sealed record Output(string Libraries, int Judged, string Note, LibraryGridRow Current, LibraryGridRow Best, IReadOnlyList<LibraryGridRow> Rows,
        string? WrittenTo);

    public static async Task<int> RunAsync(string beirDir, string? librariesPath, bool json, bool dryRun, IServiceProvider services, CancellationToken ct)
    {
        var path = librariesPath ?? throw new UsageException("--task library needs --libraries FILE (JSON lines {\"_id\", \"positives\", \"relevant\"}).");
        var libraries = await LibrarySet.ReadAsync(path, ct);
        await using var workspace = await EvalWorkspace.OpenAsync(beirDir, null, services, needVectors: true, ct);
        if (!workspace.Services.GetRequiredService<SearchService>().SemanticAvailable)
        {
            Console.Error.WriteLine("error: tuning the library model needs an embedding model; none is available.");
            return ExitCodes.Failure;
        }
        var current = workspace.Services.GetRequiredService<IOptions<LibraryOptions>>().Value;
        var corpus = workspace.Dataset.Corpus.Keys.ToHashSet(StringComparer.Ordinal);
        var rows = await LibraryTuner.RunAsync(workspace.Services.GetRequiredService<RecommendService>(), libraries, corpus, current, ct);
        var best = LibraryTuner.Best(rows);
        // The current settings through eval's own path (RecommendAsync), a row of their own: they need not lie on the grid,
        // and where they do the two rows agree.
        var evaluated = await EvalTask.EvaluateLibraryAsync(workspace.Services.GetRequiredService<RecommendService>(), libraries, RecommendModel.Hybrid, ct);
        var w = current.Weights();
        var now = new LibraryGridRow(current.Lambda, Math.Round(w.Linear, 4), Math.Round(w.Nearest, 4), Math.Round(w.Bm25, 4), evaluated.Ndcg10, evaluated.Recall100);

        string? written = null;
        if (!dryRun)
        {
            var dataDir = services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
            written = TunedSettings.Write(dataDir, LibraryOptions.Section, new Dictionary<string, double>
            {
                [nameof(LibraryOptions.Lambda)] = best.Lambda,
                [nameof(LibraryOptions.WeightLinear)] = best.WeightLinear,
                [nameof(LibraryOptions.WeightNearest)] = best.WeightNearest,
                [nameof(LibraryOptions.WeightBm25)] = best.WeightBm25,
            });
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Output(path, libraries.Count, SplitNote, now, best, rows, written), CliJson.Options));
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{"lambda",7} {"linear",6} {"nearest",7} {"bm25",5} {"nDCG@10",8} {"R@100",7}");
        foreach (var r in rows) Console.WriteLine(Format(r));
        Console.WriteLine($"{rows.Count} rows ({LibraryTuner.Lambdas.Length} λ × {rows.Count / LibraryTuner.Lambdas.Length} weights) on {libraries.Count} libraries of {path}.");
        Console.WriteLine(SplitNote);
        Console.WriteLine("current: " + Format(now));
        Console.WriteLine("best:    " + Format(best));
        Console.WriteLine($"Library:Lambda = {best.Lambda}, Library:WeightLinear = {best.WeightLinear}, Library:WeightNearest = {best.WeightNearest}, " +
                          $"Library:WeightBm25 = {best.WeightBm25}");
        if (written is not null) Console.WriteLine($"Written to {written} (overrides appsettings.json for this data dir).");
        return ExitCodes.Ok;
    }

    private static string Format(LibraryGridRow r) =>
        $"{r.Lambda,7:0.###} {r.WeightLinear,6:0.0#} {r.WeightNearest,7:0.0#} {r.WeightBm25,5:0.0#} {r.Ndcg10,8:F4} {r.Recall100,7:F4}";
}
