namespace PaperSearch.Web.Status;

/// <summary>What /status and /api/stats report.</summary>
/// <param name="ModelAvailable">The embedding model is loaded (queries can be embedded).</param>
/// <param name="EmbeddedShare">Embedded / Papers (0–1): how much of the corpus semantic ranking can see. Papers without
/// a vector are still ranked in hybrid mode (see README, How ranking works), but semantic mode cannot find them.</param>
/// <param name="HybridRanking">Searches rerank by embeddings: the model is loaded and papers have vectors.</param>
public sealed record StatusReport(
    long Papers,
    long IndexedPapers,
    long Summaries,
    long Embedded,
    double EmbeddedShare,
    string? Model,
    bool ModelAvailable,
    bool HybridRanking,
    HarvestInfo? LastHarvest,
    IReadOnlyList<DayCount> PapersPerDay);

public sealed record HarvestInfo(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Added, int Updated, string? Error);

public sealed record DayCount(DateOnly Day, int Count);
