using System.Text.Json;
using System.Text.Json.Nodes;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Crash;

namespace PaperSearch.Web.Tests.Cli;

/// <summary>
/// <c>tune --task library</c> through the real executable and the shipped model on a slice of ACM-CR (three of its dev
/// libraries, their papers and 150 others): the whole grid is printed, the choice is its best row, the grid
/// reproduces <c>eval</c>'s own hybrid at the current settings, and only a run without --dry-run writes Library:….
/// </summary>
public sealed class TuneLibraryTests
{
    private static readonly double[] Lambdas = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    [Fact]
    public async Task TuneLibrary_PrintsEveryGridRow_PicksTheBest_AndWritesLibrarySettingsOnlyWithoutDryRun()
    {
        using var dir = new TempDir("tune-library");
        var (beir, libraries) = WriteFixture(dir);
        var data = dir.Sub("data");
        var settings = Path.Combine(data, "settings.json");

        var dry = await CrashHarness.RunCliAsync(data, "minilm", null, "tune", beir, "--task", "library", "--libraries", libraries, "--dry-run", "--json");

        Assert.True(dry.Succeeded, dry.Output);
        Assert.False(File.Exists(settings), "--dry-run wrote settings.json");
        var output = JsonDocument.Parse(dry.Stdout).RootElement;
        Assert.Contains("no train split", output.GetProperty("note").GetString());
        var rows = output.GetProperty("rows").EnumerateArray().Select(Row).ToList();
        // Every λ × every weight triple on the simplex at step 0.1 (66 of them), each once.
        Assert.Equal(Lambdas.Length * 66, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => (r.Lambda, r.Linear, r.Nearest, r.Bm25)).Distinct().Count());
        Assert.Equal(Lambdas, rows.Select(r => r.Lambda).Distinct().Order());
        Assert.All(rows, r => Assert.Equal(1.0, r.Linear + r.Nearest + r.Bm25, 9));
        Assert.All(rows, r => Assert.Equal(Math.Round(r.Linear * 10), r.Linear * 10, 9));
        Assert.Contains(rows, r => r.Ndcg10 != rows[0].Ndcg10); // the grid moves the ranking, or the test proves nothing

        var best = Row(output.GetProperty("best"));
        Assert.Equal(rows.Max(r => r.Ndcg10), best.Ndcg10);
        Assert.Contains(best, rows);
        // The defaults (λ 3; 0.1/0.6/0.3) are a grid point: re-fusing the pools must give what eval's RecommendAsync gives.
        var current = Row(output.GetProperty("current"));
        var onGrid = rows.Single(r => r.Lambda == current.Lambda && Near(r.Linear, current.Linear) && Near(r.Nearest, current.Nearest) && Near(r.Bm25, current.Bm25));
        Assert.Equal(current.Ndcg10, onGrid.Ndcg10, 9);
        Assert.Equal(current.Recall100, onGrid.Recall100, 9);

        var real = await CrashHarness.RunCliAsync(data, "minilm", null, "tune", beir, "--task", "library", "--libraries", libraries);

        Assert.True(real.Succeeded, real.Output);
        Assert.Contains("no train split", real.Stdout);
        var library = JsonNode.Parse(File.ReadAllText(settings))!["Library"]!;
        Assert.Equal(best.Lambda, library["Lambda"]!.GetValue<double>());
        Assert.Equal(best.Linear, library["WeightLinear"]!.GetValue<double>());
        Assert.Equal(best.Nearest, library["WeightNearest"]!.GetValue<double>());
        Assert.Equal(best.Bm25, library["WeightBm25"]!.GetValue<double>());
    }

    private sealed record GridRow(double Lambda, double Linear, double Nearest, double Bm25, double Ndcg10, double Recall100);

    private static GridRow Row(JsonElement e) => new(e.GetProperty("lambda").GetDouble(), e.GetProperty("weightLinear").GetDouble(),
        e.GetProperty("weightNearest").GetDouble(), e.GetProperty("weightBm25").GetDouble(), e.GetProperty("ndcg10").GetDouble(), e.GetProperty("recall100").GetDouble());

    private static bool Near(double a, double b) => Math.Abs(a - b) < 1e-9;

    /// <summary>Three ACM-CR dev libraries and a BEIR corpus of their papers plus the first 150 other records.</summary>
    private static (string Beir, string Libraries) WriteFixture(TempDir dir)
    {
        var source = SharedData.File("acm-cr");
        var lines = File.ReadLines(Path.Combine(source, "libraries-dev.jsonl")).Where(l => l.Length > 0).Take(3).ToList();
        var wanted = lines.SelectMany(l =>
        {
            var root = JsonDocument.Parse(l).RootElement;
            return root.GetProperty("positives").EnumerateArray().Concat(root.GetProperty("relevant").EnumerateArray()).Select(e => e.GetString()!);
        }).ToHashSet();
        var beir = dir.Sub("beir");
        Directory.CreateDirectory(beir);
        var others = 0;
        var corpus = File.ReadLines(Path.Combine(source, "corpus.jsonl")).Where(l =>
        {
            if (wanted.Contains(JsonDocument.Parse(l).RootElement.GetProperty("_id").GetString()!)) return true;
            return others++ < 150;
        }).ToList();
        File.WriteAllLines(Path.Combine(beir, "corpus.jsonl"), corpus);
        var libraries = dir.Sub("libraries.jsonl");
        File.WriteAllLines(libraries, lines);
        return (beir, libraries);
    }
}
