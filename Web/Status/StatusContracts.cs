namespace PaperSearch.Web.Status;

/// <summary>What /status and /api/stats report.</summary>
public sealed record StatusReport(
    long Papers,
    long IndexedPapers,
    long Summaries,
    long Embedded,
    string? Model,
    bool ModelAvailable,
    HarvestInfo? LastHarvest,
    IReadOnlyList<DayCount> PapersPerDay);

public sealed record HarvestInfo(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Added, int Updated, string? Error);

public sealed record DayCount(DateOnly Day, int Count);
