using PaperSearch.Papers;

namespace PaperSearch.Indexer.Store;

/// <summary>Outcome of one <see cref="PaperStore.UpsertAsync"/> batch, counted per distinct id: repeats of an id
/// inside one batch are merged first and counted in <paramref name="Merged"/>, so
/// papers given = Inserted + Updated + Unchanged + Merged. <paramref name="ChangedIds"/> are the inserted and
/// updated ids, in batch order.</summary>
public sealed record UpsertResult(int Inserted, int Updated, int Unchanged, IReadOnlyList<string> ChangedIds, int Merged = 0)
{
    public static UpsertResult Empty { get; } = new(0, 0, 0, []);
}

/// <summary>One row of the change stream: the paper as stored at <paramref name="Seq"/>, its summary if any,
/// and whether it is a tombstone (deleted upstream: remove it from the index).</summary>
public sealed record PaperChange(long Seq, Paper Paper, AiSummary? Summary, bool Deleted);

/// <summary>A stored AI summary with its provenance.</summary>
public sealed record StoredSummary(string PaperId, AiSummary Summary, string Source, DateTimeOffset ImportedAt);

/// <summary>How many papers were first listed on <paramref name="Day"/>.</summary>
public sealed record DayCount(DateOnly Day, int Count);

/// <summary>
/// Where an OAI-PMH harvest stands. <paramref name="Key"/> is "endpoint|prefix|set"; <paramref name="FromDate"/> is
/// the OAI datestamp of the run in force; <paramref name="ResumptionToken"/> is null between runs.
/// </summary>
public sealed record HarvestCheckpoint(
    string Key,
    string FromDate,
    string? ResumptionToken,
    int PagesDone,
    string? LastResponseDate,
    DateTimeOffset UpdatedAt);

/// <summary>One harvest run's log line. <paramref name="Id"/> is 0 until the store assigns it.</summary>
public sealed record HarvestRun(
    long Id,
    string Key,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt = null,
    int Added = 0,
    int Updated = 0,
    int Unchanged = 0,
    int Deleted = 0,
    int Pages = 0,
    string? Error = null,
    string? FromDate = null,
    string? ResponseDate = null);

/// <summary>A paper's embedding under one model (float32, as produced by the embedder).</summary>
public sealed record StoredEmbedding(string PaperId, string Model, float[] Vector);

/// <summary>A fitted projection (low-rank compression); <paramref name="Data"/> is opaque to the store.</summary>
public sealed record StoredProjection(
    string Model,
    int Rank,
    int Dimension,
    byte[] Data,
    DateTimeOffset FittedAt,
    int PaperCount,
    double ExplainedVariance);
