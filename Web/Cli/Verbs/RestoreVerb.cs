using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Backup;
using PaperSearch.Indexer.Store;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class RestoreVerb : IOfflineVerb
{
    public string Name => "restore";
    public string Usage => "DIR [--force]";
    public string Summary => "copy a backup from DIR into the data dir (empty, or --force to replace its store and index; server stopped)";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>();
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help", "--force" };

    public Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count != 1) throw new UsageException("restore needs exactly one argument: the backup folder.");
        if (services.GetRequiredService<IOptions<StoreOptions>>().Value.Provider == StoreProvider.Postgres)
            throw new UsageException("restore works on the SQLite store file; with PaperSearch:Store=postgres use pg_dump/pg_restore for the store.");
        var dataDir = services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
        try
        {
            var r = DataBackup.Restore(Path.GetFullPath(args.Positionals[0]), dataDir, args.Flag("--force"));
            Console.WriteLine($"Restored into {r.DataDir}: store {r.StoreBytes / 1e6:N1} MB, index {r.IndexGeneration} ({r.IndexBytes / 1e6:N1} MB). " +
                              "The index catches up with the store when the app next starts.");
            return Task.FromResult(ExitCodes.Ok);
        }
        catch (BackupRefusedException e) { throw new UsageException(e.Message); }
    }
}
