using System.CommandLine;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Cli.Verbs;

/// <summary>Offline: it touches only the store, so it runs before (or beside) the app without opening the index.</summary>
public sealed class MigrateVerb : IOfflineVerb
{
    public Command Command { get; } = new("migrate", "create or upgrade the store's schema (SQLite or PostgreSQL, per PaperSearch:Store); safe to repeat");

    public Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
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
