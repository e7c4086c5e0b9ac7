namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// One harvest, as the CLI verb or the job asks for it. Null fields fall back to <see cref="HarvestOptions"/>;
/// an explicit <see cref="From"/> ignores the stored checkpoint and starts a fresh list at that day.
/// </summary>
public sealed record HarvestRequest
{
    public Uri? Endpoint { get; init; }
    public IReadOnlyList<string>? Sets { get; init; }
    public DateOnly? From { get; init; }
    public string? MetadataPrefix { get; init; }
}

/// <summary>Reported after every committed page (and once when a set is finished).</summary>
public sealed record HarvestProgress(
    string Set, int Pages, int Papers, int Deleted, int Rejected, int? CompleteListSize, string? Message = null);

/// <summary>What one set's list produced in this run.</summary>
public sealed record HarvestSetResult(
    string Key, string Set, int Pages, UpsertCounts Counts, int Rejected, DateOnly? From, DateTimeOffset? ResponseDate);

public sealed record HarvestResult(IReadOnlyList<HarvestSetResult> Sets)
{
    public int Added => Sets.Sum(s => s.Counts.Added);
    public int Updated => Sets.Sum(s => s.Counts.Updated);
    public int Deleted => Sets.Sum(s => s.Counts.Deleted);
}
