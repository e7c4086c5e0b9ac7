namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>
/// One OAI-PMH response page: its records (papers, deletions, rejections), or the OAI error it reports, and the
/// resumption token for the next page (null when the list is complete — an empty token element also means complete).
/// </summary>
public sealed record OaiPage(
    DateTimeOffset ResponseDate,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<SourceRecord> Records,
    string? ResumptionToken,
    long? CompleteListSize,
    long? Cursor)
{
    /// <summary>OAI's "nothing in that range" answer: an empty harvest, not a failure.</summary>
    public const string NoRecordsMatch = "noRecordsMatch";

    public bool IsError => ErrorCode is not null && ErrorCode != NoRecordsMatch;

    public bool IsLastPage => ResumptionToken is null;
}
