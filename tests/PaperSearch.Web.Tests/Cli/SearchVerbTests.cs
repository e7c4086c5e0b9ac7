using System.Text.Json;
using System.Text.Json.Nodes;
using PaperSearch.TestSupport;
using PaperSearch.Web.Cli;
using PaperSearch.Web.Tests.Crash;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Cli;

/// <summary>The <c>search</c> verb of the real executable over real papers: JSON for scripts, exit 2 with the option's name.</summary>
public sealed class SearchVerbTests
{
    [Fact]
    public async Task Search_PrintsJsonHits_AndNamesTheOptionTyped_WhenKIsOutOfRange()
    {
        using var dir = new TempDir("search-verb");
        var corpus = HardeningCorpus.Write(dir, 50);
        var title = JsonDocument.Parse(File.ReadLines(corpus).ElementAt(7)).RootElement.GetProperty("title").GetString()!;
        var data = dir.Sub("data");
        Assert.True((await CrashHarness.RunCliAsync(data, "none", null, "import", corpus)).Succeeded);

        var found = await CrashHarness.RunCliAsync(data, "none", null, "search", title, "--k", "3", "--json");
        var badK = await CrashHarness.RunCliAsync(data, "none", null, "search", title, "--k", "0");

        Assert.True(found.Succeeded, found.Output);
        var response = JsonDocument.Parse(found.Stdout).RootElement;
        Assert.Equal(title, response.GetProperty("hits")[0].GetProperty("title").GetString());
        Assert.InRange(response.GetProperty("hits").GetArrayLength(), 1, 3);
        Assert.Equal(ExitCodes.Usage, badK.ExitCode);
        Assert.Contains("--k must be a whole number from 1 to 100; got '0'", badK.Output);
    }

    [Fact]
    public async Task Search_PrintsNonAsciiAsIs_WhenJsonRequested()
    {
        using var dir = new TempDir("search-utf8");
        var corpus = HardeningCorpus.Write(dir, 5);
        var lines = File.ReadAllLines(corpus);
        var paper = JsonNode.Parse(lines[2])!.AsObject();
        paper["title"] = "图神经网络 for Schrödinger bridges — naïve résumé";
        lines[2] = paper.ToJsonString();
        File.WriteAllLines(corpus, lines);
        var data = dir.Sub("data");
        Assert.True((await CrashHarness.RunCliAsync(data, "none", null, "import", corpus)).Succeeded);

        var found = await CrashHarness.RunCliAsync(data, "none", null, "search", "Schrödinger bridges", "--json");

        Assert.True(found.Succeeded, found.Output);
        Assert.Contains("\"title\": \"图神经网络 for Schrödinger bridges — naïve résumé\"", found.Stdout);
    }
}
