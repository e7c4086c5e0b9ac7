using System.Text.Json;
using Microsoft.Data.Sqlite;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Backup;

/// <summary>
/// Consistent copies of a data dir (store + index) that can be taken while a server is serving and importing,
/// and restored into an empty or stopped data dir. Everything else in a data dir (job storage, extracted model
/// files) is rebuilt on start and is not copied.
/// </summary>
public static class DataBackup
{
    public const string ManifestFile = "backup.json";
    private const int Format = 1;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Copies the index's last commit first, then the store through SQLite's online backup API. The order matters:
    /// the store copy is then at least as new as the index copy, and on restore the index catches up with the
    /// store's change log (<see cref="PaperIndexWriter.CatchUpAsync"/>) — never the other way round.
    /// </summary>
    public static BackupManifest Backup(string dataDir, string targetDir, CancellationToken ct = default)
    {
        var database = DataPaths.Database(dataDir);
        if (!File.Exists(database)) throw new BackupRefusedException($"No store at {database}: is --data-dir right?");
        if (Directory.Exists(targetDir) && Directory.EnumerateFileSystemEntries(targetDir).Any())
            throw new BackupRefusedException($"{targetDir} is not empty; back up into a new or empty folder.");
        Directory.CreateDirectory(targetDir);

        var index = IndexCommitCopy.Copy(DataPaths.Index(dataDir), DataPaths.Index(targetDir), ct);
        ct.ThrowIfCancellationRequested();
        var storeBytes = CopyStore(database, DataPaths.Database(targetDir));

        var manifest = new BackupManifest(Format, DateTimeOffset.UtcNow, index.Generation, index.CommittedSeq, index.Files, index.Bytes, storeBytes);
        File.WriteAllText(Path.Combine(targetDir, ManifestFile), JsonSerializer.Serialize(manifest, Json));
        return manifest;
    }

    /// <summary>
    /// Copies a backup into <paramref name="dataDir"/>. Refuses a data dir that holds anything unless
    /// <paramref name="force"/>, and always refuses while a server holds the index writer lock.
    /// </summary>
    public static RestoreResult Restore(string backupDir, string dataDir, bool force)
    {
        var manifest = ReadManifest(backupDir);
        if (Directory.Exists(dataDir) && Directory.EnumerateFileSystemEntries(dataDir).Any())
        {
            if (!force) throw new BackupRefusedException($"{dataDir} is not empty; restore into an empty folder, or pass --force to replace its store and index.");
            if (IndexCommitCopy.IsWriterOpen(DataPaths.Index(dataDir)))
                throw new BackupRefusedException($"A running PaperSearch holds the index in {dataDir}; stop it before restoring.");
            DeleteStoreAndIndex(dataDir);
        }
        Directory.CreateDirectory(dataDir);

        CopyTree(DataPaths.Index(backupDir), DataPaths.Index(dataDir));
        File.Copy(DataPaths.Database(backupDir), DataPaths.Database(dataDir));
        return new RestoreResult(dataDir, manifest.IndexGeneration, manifest.StoreBytes, manifest.IndexBytes);
    }

    public static BackupManifest ReadManifest(string backupDir)
    {
        var path = Path.Combine(backupDir, ManifestFile);
        if (!File.Exists(path)) throw new BackupRefusedException($"{backupDir} is not a PaperSearch backup (no {ManifestFile}).");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json)
            ?? throw new BackupRefusedException($"{path} is empty.");
        if (manifest.Format != Format) throw new BackupRefusedException($"{path} has format {manifest.Format}; this build reads format {Format}.");
        if (!File.Exists(DataPaths.Database(backupDir)) || new GenerationFolder(DataPaths.Index(backupDir)).Published() is null)
            throw new BackupRefusedException($"{backupDir} is incomplete: it needs papersearch.db and index/CURRENT.");
        return manifest;
    }

    private static long CopyStore(string source, string target)
    {
        // Pooling off: the handles must be closed when this returns so the copy can be moved or read at once.
        using (var from = new SqliteConnection($"Data Source={source};Mode=ReadOnly;Pooling=False"))
        using (var to = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            from.Open();
            to.Open();
            // One step over all pages under a read transaction: a snapshot even while the server writes (WAL).
            from.BackupDatabase(to);
            using var single = to.CreateCommand();
            // A backup is one self-contained file; the store switches back to WAL when it is migrated on start.
            single.CommandText = "PRAGMA journal_mode=DELETE;";
            single.ExecuteNonQuery();
        }
        return new FileInfo(target).Length;
    }

    private static void DeleteStoreAndIndex(string dataDir)
    {
        var db = DataPaths.Database(dataDir);
        foreach (var file in new[] { db, db + "-wal", db + "-shm", db + "-journal" })
            if (File.Exists(file)) File.Delete(file);
        var index = DataPaths.Index(dataDir);
        if (Directory.Exists(index)) Directory.Delete(index, recursive: true);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
