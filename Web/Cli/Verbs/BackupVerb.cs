using System.CommandLine;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Backup;
using PaperSearch.Indexer.Store;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class BackupVerb : IOfflineVerb
{
    private readonly Argument<string> _dir = new("DIR") { Description = "the folder to write (new or empty)" };

    public BackupVerb() => Command = new("backup", "write a consistent copy of the store and index into DIR; safe while the server runs") { _dir };

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetRequiredService<IOptions<StoreOptions>>().Value.Provider == StoreProvider.Postgres)
            throw new UsageException("backup works on the SQLite store file; with PaperSearch:Store=postgres use pg_dump/pg_restore for the store.");
        var dataDir = services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
        var target = Path.GetFullPath(args.GetRequiredValue(_dir));
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
