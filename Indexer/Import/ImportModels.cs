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
    double PapersPerSecond,
    int Merged = 0);

/// <summary>A record an import skipped, and why.</summary>
public sealed record ImportRejection(string Source, string Position, string Reason)
{
    public override string ToString() => $"{Source} {Position}: {Reason}";
}

/// <summary>
/// The outcome of an import. <see cref="Rejections"/> keeps the first <see cref="Importer.MaxRejectionsKept"/>
/// rejections; <see cref="Rejected"/> counts all of them. <see cref="Summaries"/> counts changed summaries.
/// Every record read is accounted for exactly once (<see cref="IsBalanced"/>): a paper record is inserted, updated,
/// unchanged, or <see cref="Merged"/> (a repeat of an id in the same batch, e.g. 2503.01234 and 2503.01234v2,
/// folded into that id's record before storing); other records are summary records, deletion records or rejected.
/// <see cref="Stopped"/>: the import was asked to stop and ended at a batch boundary; the counts cover the batches
/// stored (all of them in the index), and the same import run again resumes.
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
    IReadOnlyList<ImportRejection> Rejections,
    int Merged = 0,
    int SummaryRecords = 0,
    int DeletionRecords = 0,
    bool Stopped = false)
{
    /// <summary>Paper records read (each ends up inserted, updated, unchanged or merged).</summary>
    public long PaperRecords => Inserted + Updated + Unchanged + Merged;

    /// <summary>True when Read = papers (inserted + updated + unchanged + merged) + summary + deletion records + rejected.</summary>
    public bool IsBalanced => Read == PaperRecords + SummaryRecords + DeletionRecords + Rejected;

    /// <summary>Paper records per second of wall time, end to end (parse + store + index + commit).</summary>
    public double PapersPerSecond => Elapsed.TotalSeconds > 0 ? PaperRecords / Elapsed.TotalSeconds : 0;
}
