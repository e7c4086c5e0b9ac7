using PaperSearch.Papers;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// Where harvested pages go. The one rule: a page's papers, its deletions and the checkpoint that follows it
/// are committed in ONE transaction, so a run killed anywhere resumes without losing or repeating a page.
/// </summary>
public interface IHarvestSink
{
    Task<HarvestCheckpoint?> LoadCheckpointAsync(string key, CancellationToken ct);

    Task<UpsertCounts> CommitPageAsync(
        IReadOnlyList<Paper> papers, IReadOnlyList<string> deletedIds, HarvestCheckpoint checkpoint, CancellationToken ct);

    Task RecordRunAsync(HarvestRun run, CancellationToken ct);

    /// <summary>The newest run (of <paramref name="key"/>, or of any key), for <c>stats</c> and <c>/api/stats</c>.</summary>
    Task<HarvestRun?> GetLastRunAsync(string? key, CancellationToken ct);
}

/// <summary>
/// Where a set's list stands. With a <see cref="ResumptionToken"/>: a list started at <see cref="FromDate"/> is in
/// progress and <see cref="ListResponseDate"/> is the responseDate of its first page. Without: the last list is
/// complete and the next one starts at <see cref="FromDate"/> (taken from the server's responseDate, not our clock).
/// </summary>
public sealed record HarvestCheckpoint(
    string Key, DateOnly? FromDate, string? ResumptionToken, int PagesDone, DateTimeOffset? ListResponseDate);

public sealed record UpsertCounts(int Added, int Updated, int Unchanged, int Deleted)
{
    public static readonly UpsertCounts Zero = new(0, 0, 0, 0);
    public static UpsertCounts operator +(UpsertCounts a, UpsertCounts b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Unchanged + b.Unchanged, a.Deleted + b.Deleted);
}

/// <summary>One row of <c>harvest_runs</c>.</summary>
public sealed record HarvestRun(
    string Key, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, UpsertCounts Counts, int Pages,
    string? Error, DateOnly? FromDate, DateTimeOffset? ResponseDate);
