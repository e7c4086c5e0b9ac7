using System.CommandLine;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Cli.Verbs;

/// <summary>
/// Moves an existing store to PostgreSQL (<see cref="StoreCopy"/>): offline, since it only reads the configured store;
/// stop the server first so nothing writes to the source meanwhile. The index and models stay in the data dir and
/// remain valid, because rows keep their change numbers.
/// </summary>
public sealed class CopyStoreVerb : IOfflineVerb
{
    private readonly Option<string> _to = new("--to")
    {
        Description = "the target: postgres://user:pass@host:port/db or an Npgsql connection string", HelpName = "URL", Required = true,
    };
    private readonly Option<bool> _force = new("--force") { Description = "empty the target's store tables first (it holds another store)" };

    public CopyStoreVerb() => Command = new("copy-store",
        "copy the configured store (papers, summaries, embeddings, projections, harvest state) into PostgreSQL; resumable, verifies counts") { _to, _force };

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var to = args.GetRequiredValue(_to);
        var force = args.GetValue(_force);
        return SetupErrors.GuardAsync(async () =>
        {
            var targetOptions = new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = PostgresConnection.Normalise(to) };
            var sourceOptions = services.GetRequiredService<IOptions<StoreOptions>>().Value;
            if (sourceOptions.Describe() == targetOptions.Describe())
                throw new UsageException($"The target {targetOptions.Describe()} is the configured store itself.");

            var source = services.GetRequiredService<PaperStore>();
            await source.MigrateAsync(ct);
            var target = PaperStore.Open(targetOptions);
            Console.WriteLine($"Copying {sourceOptions.Describe()} → {targetOptions.Describe()}{(force ? " (--force: target store tables emptied first)" : "")}");
            StoreCopyResult result;
            try
            {
                using var progress = new ConsoleProgress<StoreCopyProgress>(p =>
                    $"copy-store: {p.Table} {ConsoleProgress<StoreCopyProgress>.Bar(p.Total == 0 ? 1 : (double)p.Done / p.Total)} {p.Done:N0}/{p.Total:N0}");
                result = await new StoreCopy(source, target).RunAsync(force, progress, ct);
            }
            catch (StoreCopyRefusedException e) { throw new UsageException(e.Message); }

            foreach (var t in result.Tables)
                Console.WriteLine($"  {t.Table,-20} source {t.Source,12:N0}  target {t.Target,12:N0}  written now {t.Written,12:N0}{(t.Matches ? "" : "  MISMATCH")}");
            if (!result.Verified)
            {
                Console.Error.WriteLine("error: the target's row counts differ from the source's (see MISMATCH above); was something writing to either store?");
                return ExitCodes.Failure;
            }
            Console.WriteLine($"Copied and verified in {result.Elapsed.TotalSeconds:N1} s. Now set PaperSearch__Store=postgres and " +
                              "ConnectionStrings__PaperSearch to the target; the data dir keeps the index and models.");
            return ExitCodes.Ok;
        });
    }
}
