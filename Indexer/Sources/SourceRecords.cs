using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// The checks every format shares before a paper becomes a <see cref="PaperRecord"/>: a parseable arXiv id and a
/// non-empty title. Anything else is a <see cref="RejectedRecord"/> naming the problem.
/// </summary>
internal static class SourceRecords
{
    /// <summary>Builds the paper with the parsed id, or rejects the record when the id or the title is unusable.</summary>
    public static SourceRecord Paper(string source, string position, string? rawId, Func<ArxivId, Paper> build)
    {
        if (string.IsNullOrWhiteSpace(rawId)) return new RejectedRecord(source, position, "missing id");
        if (!ArxivId.TryParse(rawId, out var id)) return new RejectedRecord(source, position, $"'{Shorten(rawId)}' is not an arXiv id");
        var paper = build(id);
        if (string.IsNullOrWhiteSpace(paper.Title)) return new RejectedRecord(source, position, $"paper {id.Id} has no title");
        return new PaperRecord(source, position, paper);
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
