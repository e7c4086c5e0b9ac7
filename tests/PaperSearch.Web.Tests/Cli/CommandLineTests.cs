using System.Text.Json;
using PaperSearch.TestSupport;
using PaperSearch.Web.Cli;

namespace PaperSearch.Web.Tests.Cli;

/// <summary>The command line on System.CommandLine: generated help, errors that name the option, host arguments, completion.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_ListsEveryCommandAndTheHostOptions_WhenAskedAtTheRoot()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var verb in CliRunner.CreateVerbs()) Assert.Contains(verb.Command.Name, output);
        Assert.Contains("serve", output);
        Assert.Contains("--data-dir <DIR>", output);
        Assert.Contains("--role <all|indexer|web|worker>", output);
        Assert.Contains("--urls", output);
    }

    [Fact]
    public async Task Help_ListsSearchOptions_WhenAskedForSearch()
    {
        var (code, output, _) = await RunAsync("search", "--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("search [<QUERY>...] [options]", output);
        foreach (var option in new[] { "--k <N>", "--page <N>", "--mode <hybrid|bm25|semantic>", "--cat <EXPR>", "--from", "--to", "--sort", "--explain", "--json", "--data-dir" })
            Assert.Contains(option, output);
    }

    [Theory]
    [InlineData("--bogus", "search", "graph neural networks", "--bogus")]
    [InlineData("--bogus=3", "import", "some.jsonl", "--bogus=3")]
    [InlineData("--bogus", "reindex", "--bogus")]
    [InlineData("--jsn", "stats", "--jsn")]
    [InlineData("--bogus", "--bogus", "stats")]
    public async Task Run_ExitsWithUsageErrorNamingTheOption_WhenTheOptionIsUnknown(string named, params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"'{named}'", error);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("--k must be a whole number from 1 to 100; got '0'.", "tune", "beir", "--k", "0")]
    [InlineData("--k must be a whole number from 1 to 100; got 'ten'.", "tune", "beir", "--k", "ten")]
    [InlineData("--k must be a whole number from 1 to 100; got '0'.", "tune", "beir", "--k:0")]
    [InlineData("--limit must be a whole number from 1 to 2,147,483,647; got '-5'.", "embed", "--limit=-5")]
    [InlineData("--mode must be one of bm25, semantic, hybrid, ridge, nearest, centroid, all; got 'fast'.", "eval", "beir", "--mode", "fast")]
    [InlineData("'--to'", "copy-store", "--force")]
    [InlineData("'DIR'", "backup")]
    public async Task Run_ExitsWithUsageErrorNamingTheOption_WhenAValueIsBadOrMissing(string message, params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void HostArgs_CarryHostOptionsAndConfigurationOverrides_TheLineAfterAResponseFile()
    {
        using var dir = new TempDir("cli-rsp");
        var rsp = dir.Sub("deploy.rsp");
        File.WriteAllLines(rsp, ["# one deployment's settings", "--data-dir /srv/papers", "--PaperSearch:Store=postgres", "--Search:Alpha=0.5"]);
        var cli = InProcessCli.Create();

        var parse = cli.Parse(["@" + rsp, "--Search:Alpha", "0.3", "search", "graph", "--environment=Testing", "--k", "5", "--", "--literal"]);

        Assert.Empty(parse.Errors);
        Assert.Empty(HostArguments.UnknownOptions(parse));
        Assert.Equal("search", parse.CommandResult.Command.Name);
        Assert.Equal(["--PaperSearch:Store=postgres", "--Search:Alpha=0.5", "--Search:Alpha=0.3", "--environment=Testing", "--PaperSearch:DataDir=/srv/papers"],
            cli.HostArgs(parse));
        Assert.Equal(["graph", "--literal"], parse.GetValue<string[]>("QUERY")!);
    }

    [Fact]
    public async Task Suggest_ListsTheVerbsOptions_ForTabCompletion()
    {
        var (code, output, _) = await RunAsync("[suggest:9]", "search --");

        Assert.Equal(ExitCodes.Ok, code);
        var suggestions = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("--k", suggestions);
        Assert.Contains("--data-dir", suggestions);
    }

    [Fact]
    public void CliJson_WritesNonAsciiAsIs()
    {
        var json = JsonSerializer.Serialize(new { Title = "图神经网络 — Schrödinger" }, CliJson.Options);

        Assert.Contains("\"title\": \"图神经网络 — Schrödinger\"", json);
    }

    [Fact]
    public async Task Executable_PrintsGeneratedHelp_AndRefusesAnUnknownOptionWithExit2()
    {
        var help = await KillableChild.RunAsync("PaperSearch.Web.dll", ["search", "--help"]);
        var unknown = await KillableChild.RunAsync("PaperSearch.Web.dll", ["--data-dir", "/nonexistent/never-created", "search", "x", "--bogus"]);

        Assert.True(help.Succeeded, help.Output);
        Assert.Contains("--k <N>", help.Stdout);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("error: Unknown option '--bogus'.", unknown.Output);
        Assert.False(Directory.Exists("/nonexistent/never-created")); // refused before any host or store was built
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await InProcessCli.Create().InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
