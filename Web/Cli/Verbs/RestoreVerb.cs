using System.CommandLine;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Backup;
using PaperSearch.Indexer.Store;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class RestoreVerb : IOfflineVerb
{
    private readonly Argument<string> _dir = new("DIR") { Description = "the backup folder" };
    private readonly Option<bool> _force = new("--force") { Description = "replace the data dir's store and index" };

    public RestoreVerb() => Command = new("restore", "copy a backup from DIR into the data dir (empty, or --force; server stopped)") { _dir, _force };

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetRequiredService<IOptions<StoreOptions>>().Value.Provider == StoreProvider.Postgres)
            throw new UsageException("restore works on the SQLite store file; with PaperSearch:Store=postgres use pg_dump/pg_restore for the store.");
        var dataDir = services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
        try
        {
            var r = DataBackup.Restore(Path.GetFullPath(args.GetRequiredValue(_dir)), dataDir, args.GetValue(_force));
            Console.WriteLine($"Restored into {r.DataDir}: store {r.StoreBytes / 1e6:N1} MB, index {r.IndexGeneration} ({r.IndexBytes / 1e6:N1} MB). " +
                              "The index catches up with the store when the app next starts.");
            return Task.FromResult(ExitCodes.Ok);
        }
        catch (BackupRefusedException e) { throw new UsageException(e.Message); }
    }
}
