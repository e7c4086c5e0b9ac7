using System.CommandLine;
using PaperSearch.Web.Cli.Verbs;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli;

/// <summary>Runs one verb inside a host that has the app's services (store, index, ranking) but no web server and no job server.</summary>
public static class CliRunner
{
    /// <summary>Every verb, in the order help lists them: the one list of them (each declares its own command).</summary>
    public static IReadOnlyList<ICliVerb> CreateVerbs() =>
    [
        new ImportVerb(), new HarvestVerb(), new ReindexVerb(), new EmbedVerb(), new SearchVerb(), new RelatedVerb(), new RecommendVerb(), new StatsVerb(), new EvalVerb(), new TuneVerb(),
        new BackupVerb(), new RestoreVerb(), new MigrateVerb(), new CopyStoreVerb(),
    ];

    /// <param name="ct">Cancelled on Ctrl+C and SIGTERM (System.CommandLine's process termination handling).</param>
    public static async Task<int> RunAsync(ICliVerb verb, ParseResult args, IReadOnlyList<string> hostArgs, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. hostArgs] });
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
            return PrintUsageError($"'{verb.Command.Name}' writes the index, which only the roles all and indexer do; run it without --role web/worker.", verb);
        using var host = builder.Build();
        var startFailed = false;
        try
        {
            if (verb is not IOfflineVerb)
            {
                // Starting opens the store (migrations) and the index: a failure here is a setup mistake (bad
                // configuration, unreachable server), reported in one line with the usage exit code.
                try { await host.StartAsync(ct); }
                catch (Exception e) when (SetupErrors.Describe(e) is { } setup)
                {
                    startFailed = true;
                    Console.Error.WriteLine("error: " + setup);
                    return ExitCodes.Usage;
                }
                catch { startFailed = true; throw; }
            }
            return await verb.RunAsync(args, host.Services, ct);
        }
        catch (UsageException e) { return PrintUsageError(e.Message, verb); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
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

    private static int PrintUsageError(string message, ICliVerb verb) =>
        CliCommandLine.PrintUsageErrors([message], verb.Command, Console.Error);
}
