using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// One harvest, as the CLI verb or the job asks for it. Null fields fall back to <see cref="HarvestOptions"/>;
/// an explicit <see cref="From"/> ignores the stored checkpoint and starts a fresh list at that day, while
/// <see cref="InitialFrom"/> only says where a set without a checkpoint starts (the first run's window), so a retried
/// or interrupted run still resumes from its checkpoint.
/// </summary>
public sealed record HarvestRequest
{
    public Uri? Endpoint { get; init; }
    public IReadOnlyList<string>? Sets { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? InitialFrom { get; init; }
    public string? MetadataPrefix { get; init; }
}

/// <summary>Reported after every committed page, and when a list restarts.</summary>
public sealed record HarvestProgress(
    string Set, int Pages, int Added, int Updated, int Deleted, int Rejected, long? CompleteListSize, string? Message = null);

/// <summary>The run recorded for each set (as stored in <c>harvest_runs</c>), and how many records were unusable.</summary>
public sealed record HarvestResult(IReadOnlyList<HarvestRun> Runs, int Rejected)
{
    public int Added => Runs.Sum(r => r.Added);
    public int Updated => Runs.Sum(r => r.Updated);
    public int Deleted => Runs.Sum(r => r.Deleted);
}
