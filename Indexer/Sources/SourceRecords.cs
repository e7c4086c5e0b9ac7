using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// The steps every format shares before a record is emitted: a parseable arXiv id; text made safe
/// (<see cref="PaperText"/>); a non-empty title; every field within <see cref="FieldCaps"/>. Anything else is a
/// <see cref="RejectedRecord"/> naming the problem.
/// </summary>
internal static class SourceRecords
{
    /// <summary>Builds the paper with the parsed id, or rejects the record when the id, the title or a field's size is unusable.</summary>
    public static SourceRecord Paper(string source, string position, string? rawId, Func<ArxivId, Paper> build)
    {
        if (ParseId(rawId) is not { } id) return BadId(source, position, rawId);
        var paper = PaperText.Clean(build(id));
        if (string.IsNullOrWhiteSpace(paper.Title)) return new RejectedRecord(source, position, $"paper {id.Id} has no title");
        if (FieldCaps.FirstOverCap(paper) is { } tooLong) return new RejectedRecord(source, position, $"paper {id.Id}: {tooLong}; skipped");
        return new PaperRecord(source, position, paper);
    }

    /// <summary>A usable AI summary for the paper <paramref name="rawId"/>, or the reason it is not.</summary>
    public static SourceRecord Summary(string source, string position, string? rawId, Func<AiSummary?> build)
    {
        if (ParseId(rawId) is not { } id) return BadId(source, position, rawId);
        if (build() is not { } built) return new RejectedRecord(source, position, $"paper {id.Id} has no AI summary object");
        var summary = PaperText.Clean(built);
        if (!summary.IsUsable) return new RejectedRecord(source, position, $"paper {id.Id}: the AI summary is only failure placeholders");
        if (FieldCaps.FirstOverCap(summary) is { } tooLong) return new RejectedRecord(source, position, $"paper {id.Id}: {tooLong}; skipped");
        return new SummaryRecord(source, position, id.Id, summary);
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static ArxivId? ParseId(string? rawId) =>
        !string.IsNullOrWhiteSpace(rawId) && ArxivId.TryParse(rawId, out var id) ? id : null;

    private static RejectedRecord BadId(string source, string position, string? rawId) =>
        new(source, position, string.IsNullOrWhiteSpace(rawId) ? "missing id" : $"'{Shorten(XmlSafeText.Clean(rawId))}' is not an arXiv id");
}
