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
    public string Name => "copy-store";
    public string Usage => "--to postgres://user:pass@host:port/db [--force]";
    public string Summary => "copy the configured store (papers, summaries, embeddings, projections, harvest state) into PostgreSQL; resumable, verifies counts";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "--to" };
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help", "--force" };

    public Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count > 0) throw new UsageException("copy-store takes no positional arguments; name the target with --to.");
        var to = args.Option("--to") ?? throw new UsageException("copy-store needs --to postgres://user:pass@host:port/db (or an Npgsql connection string).");
        return SetupErrors.GuardAsync(async () =>
        {
            var targetOptions = new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = PostgresConnection.Normalise(to) };
            var sourceOptions = services.GetRequiredService<IOptions<StoreOptions>>().Value;
            if (sourceOptions.Describe() == targetOptions.Describe())
                throw new UsageException($"The target {targetOptions.Describe()} is the configured store itself.");

            var source = services.GetRequiredService<PaperStore>();
            await source.MigrateAsync(ct);
            var target = PaperStore.Open(targetOptions);
            Console.WriteLine($"Copying {sourceOptions.Describe()} → {targetOptions.Describe()}{(args.Flag("--force") ? " (--force: target store tables emptied first)" : "")}");
            StoreCopyResult result;
            try
            {
                using var progress = new ConsoleProgress<StoreCopyProgress>(p =>
                    $"copy-store: {p.Table} {ConsoleProgress<StoreCopyProgress>.Bar(p.Total == 0 ? 1 : (double)p.Done / p.Total)} {p.Done:N0}/{p.Total:N0}");
                result = await new StoreCopy(source, target).RunAsync(args.Flag("--force"), progress, ct);
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
