namespace PaperSearch.Indexer.Store;

// EF entity classes: mutable because EF tracks them. They never leave the store; callers see the
// records in Shared (Paper, AiSummary) and the store's own records (HarvestCheckpoint, ...).

internal sealed class PaperRow
{
    public string Id { get; set; } = "";
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string Abstract { get; set; } = "";
    /// <summary>JSON list of author names.</summary>
    public string Authors { get; set; } = "[]";
    /// <summary>JSON list of categories, primary first.</summary>
    public string Categories { get; set; } = "[]";
    public string? Comments { get; set; }
    public string? JournalRef { get; set; }
    public string? Doi { get; set; }
    public string? License { get; set; }
    public string? ReportNo { get; set; }
    public DateTimeOffset? Submitted { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public DateOnly? ListingDate { get; set; }
    public bool Withdrawn { get; set; }
    /// <summary>True when the repository no longer exposes the id (OAI-PMH deleted record). Kept as a
    /// tombstone with a fresh Seq so the index learns about the deletion when it catches up.</summary>
    public bool Deleted { get; set; }
    /// <summary>JSON list of versions.</summary>
    public string Versions { get; set; } = "[]";
    public string ContentHash { get; set; } = "";
    public long Seq { get; set; }
}

internal sealed class SummaryRow
{
    public string PaperId { get; set; } = "";
    public string? Tldr { get; set; }
    public string? Motivation { get; set; }
    public string? Method { get; set; }
    public string? Result { get; set; }
    public string? Conclusion { get; set; }
    public string Source { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class EmbeddingRow
{
    public string PaperId { get; set; } = "";
    public string Model { get; set; } = "";
    /// <summary>float32 little-endian.</summary>
    public byte[] Vector { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ProjectionRow
{
    public string Model { get; set; } = "";
    public int Rank { get; set; }
    public int Dimension { get; set; }
    public byte[] Data { get; set; } = [];
    public DateTimeOffset FittedAt { get; set; }
    public int PaperCount { get; set; }
    public double ExplainedVariance { get; set; }
}

internal sealed class HarvestCheckpointRow
{
    public string Key { get; set; } = "";
    public string FromDate { get; set; } = "";
    public string? ResumptionToken { get; set; }
    public int PagesDone { get; set; }
    public string? LastResponseDate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class HarvestRunRow
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Deleted { get; set; }
    public int Pages { get; set; }
    public string? Error { get; set; }
    public string? FromDate { get; set; }
    public string? ResponseDate { get; set; }
}

/// <summary>
/// A reader's library saved for its feed. Found by <see cref="TokenHash"/> (SHA-256 of the capability token, hex): the
/// token itself is never stored, so the table cannot be turned back into working feed URLs.
/// </summary>
internal sealed class SavedLibraryRow
{
    public long Id { get; set; }
    public string TokenHash { get; set; } = "";
    /// <summary>JSON list of paper ids.</summary>
    public string Positives { get; set; } = "[]";
    /// <summary>JSON list of paper ids.</summary>
    public string Negatives { get; set; } = "[]";
    public string? Categories { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
