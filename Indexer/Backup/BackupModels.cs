namespace PaperSearch.Indexer.Backup;

/// <summary>What a backup folder holds; written as <c>backup.json</c> beside the copied store and index.</summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset CreatedAt,
    string IndexGeneration,
    long IndexCommittedSeq,
    int IndexFiles,
    long IndexBytes,
    long StoreBytes);

public sealed record RestoreResult(string DataDir, string IndexGeneration, long StoreBytes, long IndexBytes);

/// <summary>A backup or restore that cannot proceed for a reason the operator can fix (exit code 2 in the CLI).</summary>
public sealed class BackupRefusedException(string message) : Exception(message);
