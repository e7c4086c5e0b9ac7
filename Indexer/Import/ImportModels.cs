namespace PaperSearch.Indexer.Import;

/// <summary>Running counts of an import; reported after every stored batch.</summary>
public sealed record ImportProgress(
    long Read,
    int Inserted,
    int Updated,
    int Unchanged,
    int Rejected,
    int Summaries,
    int Deleted,
    double PapersPerSecond);

/// <summary>A record an import skipped, and why.</summary>
public sealed record ImportRejection(string Source, string Position, string Reason)
{
    public override string ToString() => $"{Source} {Position}: {Reason}";
}

/// <summary>
/// The outcome of an import. <see cref="Rejections"/> keeps the first <see cref="Importer.MaxRejectionsKept"/>
/// rejections; <see cref="Rejected"/> counts all of them. <see cref="Summaries"/> counts changed summaries.
/// </summary>
public sealed record ImportSummary(
    long Read,
    int Inserted,
    int Updated,
    int Unchanged,
    int Rejected,
    int Summaries,
    int Deleted,
    long IndexedChanges,
    TimeSpan Elapsed,
    IReadOnlyList<ImportRejection> Rejections)
{
    /// <summary>Papers read per second of wall time, end to end (parse + store + index + commit).</summary>
    public double PapersPerSecond => Elapsed.TotalSeconds > 0 ? (Inserted + Updated + Unchanged) / Elapsed.TotalSeconds : 0;
}
