using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Backup;
using PaperSearch.Indexer.Store;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class BackupVerb : IOfflineVerb
{
    public string Name => "backup";
    public string Usage => "DIR";
    public string Summary => "write a consistent copy of the store and index into DIR (new or empty); safe while the server runs";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>();
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help" };

    public Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count != 1) throw new UsageException("backup needs exactly one argument: the folder to write.");
        if (services.GetRequiredService<IOptions<StoreOptions>>().Value.Provider == StoreProvider.Postgres)
            throw new UsageException("backup works on the SQLite store file; with PaperSearch:Store=postgres use pg_dump/pg_restore for the store.");
        var dataDir = services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
        var target = Path.GetFullPath(args.Positionals[0]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var m = DataBackup.Backup(dataDir, target, ct);
            Console.WriteLine($"Backed up {dataDir} to {target} in {clock.Elapsed.TotalSeconds:N1} s: store {m.StoreBytes / 1e6:N1} MB, " +
                              $"index {m.IndexGeneration} ({m.IndexFiles} files, {m.IndexBytes / 1e6:N1} MB, covers change {m.IndexCommittedSeq:N0}).");
            return Task.FromResult(ExitCodes.Ok);
        }
        catch (BackupRefusedException e) { throw new UsageException(e.Message); }
    }
}
