using PaperSearch.Web.Cli.Verbs;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli;

/// <summary>Runs one verb inside a host that has the app's services (store, index, ranking) but no web server and no job server.</summary>
public static class CliRunner
{
    public static IReadOnlyList<ICliVerb> AllVerbs { get; } =
    [
        new ImportVerb(), new HarvestVerb(), new ReindexVerb(), new EmbedVerb(), new SearchVerb(), new StatsVerb(), new EvalVerb(), new TuneVerb(),
        new BackupVerb(), new RestoreVerb(), new MigrateVerb(), new CopyStoreVerb(),
    ];

    public static async Task<int> RunAsync(CommandLine cli)
    {
        if (cli.Verb == "help")
        {
            Console.WriteLine(HelpText());
            return ExitCodes.Ok;
        }
        var verb = AllVerbs.FirstOrDefault(v => v.Name == cli.Verb);
        if (verb is null) return PrintUsageError($"The command '{cli.Verb}' is not available in this build.");

        VerbArgs parsed;
        try { parsed = VerbArgs.Parse(cli.VerbArgs, verb.ValueOptions, verb.Flags); }
        catch (UsageException e) { return PrintUsageError(e.Message, verb); }
        if (parsed.Flag("--help")) { Console.WriteLine($"Usage: papersearch {verb.Name} {verb.Usage}\n  {verb.Summary}"); return ExitCodes.Ok; }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. cli.HostArgs] });
        // A command's output is its result: only warnings and errors are logged, and to stderr so --json stays clean.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            // A failed command surfaces as the exception the verb reports; EF's own log line would say it twice.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            // A start that fails on bad configuration is reported below in one line, not as a logged stack trace.
            ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddPaperSearchServices();
        if (verb is IIndexWritingVerb && !ProcessRoles.Of(builder.Configuration).Writes())
            return PrintUsageError($"'{verb.Name}' writes the index, which only the roles all and indexer do; run it without --role web/worker.", verb);
        using var host = builder.Build();
        var startFailed = false;
        try
        {
            if (verb is not IOfflineVerb)
            {
                // Starting opens the store (migrations) and the index: a failure here is a setup mistake (bad
                // configuration, unreachable server), reported in one line with the usage exit code.
                try { await host.StartAsync(cts.Token); }
                catch (Exception e) when (SetupErrors.Describe(e) is { } setup)
                {
                    startFailed = true;
                    Console.Error.WriteLine("error: " + setup);
                    return ExitCodes.Usage;
                }
                catch { startFailed = true; throw; }
            }
            return await verb.RunAsync(parsed, host.Services, cts.Token);
        }
        catch (UsageException e) { return PrintUsageError(e.Message, verb); }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return ExitCodes.Failure;
        }
        finally
        {
            // A host whose start threw has nothing to stop (and Host.StopAsync throws on its half-built state).
            if (!startFailed) await host.StopAsync(CancellationToken.None);
        }
    }

    public static int PrintUsageError(string message, ICliVerb? verb = null)
    {
        Console.Error.WriteLine("error: " + message);
        Console.Error.WriteLine(verb is null
            ? "Run with --help to list the commands."
            : $"Usage: papersearch {verb.Name} {verb.Usage}");
        return ExitCodes.Usage;
    }

    public static string HelpText()
    {
        var lines = new List<string>
        {
            "PaperSearch — search engine for research papers.",
            "",
            "Usage: dotnet run --project Web -- [--data-dir DIR] [--role all|indexer|web|worker] [COMMAND] [ARGS]",
            "",
            "  serve                 (default) serve the UI and REST API; --urls http://host:port to change the address",
        };
        lines.AddRange(AllVerbs.Select(v => $"  {v.Name,-21} {v.Summary}\n  {"",-21}   {v.Name} {v.Usage}"));
        lines.Add("");
        lines.Add("Global: --data-dir DIR (default ./data; config key PaperSearch:DataDir).");
        lines.Add("        --role all|indexer|web|worker (default all; config key PaperSearch:Role): indexer runs the jobs and the only");
        lines.Add("        index writer, web serves the site from the published index read-only (several may run beside one indexer),");
        lines.Add("        worker takes the nightly embedding's range jobs (any number, to spread a large backlog).");
        lines.Add("Exit codes: 0 ok, 1 failure, 2 usage error.");
        return string.Join('\n', lines);
    }
}
