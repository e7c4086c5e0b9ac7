using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Cli.Verbs;

/// <summary>Offline: it touches only the store, so it runs before (or beside) the app without opening the index.</summary>
public sealed class MigrateVerb : IOfflineVerb
{
    public string Name => "migrate";
    public string Usage => "";
    public string Summary => "create or upgrade the store's schema (SQLite or PostgreSQL, per PaperSearch:Store); safe to repeat";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>();
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help" };

    public Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count > 0) throw new UsageException("migrate takes no arguments.");
        return SetupErrors.GuardAsync(async () =>
        {
            var where = services.GetRequiredService<IOptions<StoreOptions>>().Value.Describe();
            var applied = await services.GetRequiredService<PaperStore>().MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0
                ? $"{where}: up to date, no migrations to apply."
                : $"{where}: applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            return ExitCodes.Ok;
        });
    }
}
