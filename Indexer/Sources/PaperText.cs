using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// The one place imported text is made safe: every text field of a parsed paper or AI summary, whatever the format,
/// passes <see cref="XmlSafeText.Clean"/> here (through <see cref="SourceRecords"/>), so no stored text can break a
/// feed or a page. Fields the parsers had collapsed are collapsed again when a removal left two spaces together.
/// </summary>
internal static class PaperText
{
    public static Paper Clean(Paper paper) => paper with
    {
        Title = Collapsed(paper.Title) ?? "",
        Abstract = Collapsed(paper.Abstract) ?? "",
        Authors = CleanList(paper.Authors),
        Categories = CleanList(paper.Categories) is var codes && ReferenceEquals(codes, paper.Categories) ? codes : CategoryAliases.Canonicalize(codes),
        Comments = Collapsed(paper.Comments),
        JournalRef = Collapsed(paper.JournalRef),
        Doi = Collapsed(paper.Doi),
        License = Collapsed(paper.License),
        ReportNo = Collapsed(paper.ReportNo),
        Versions = paper.Versions.Any(v => v.Size is not null && !ReferenceEquals(Collapsed(v.Size), v.Size))
            ? [.. paper.Versions.Select(v => v with { Size = Collapsed(v.Size) })]
            : paper.Versions,
    };

    /// <summary>AI summaries keep their line breaks (the pipeline writes paragraphs); only unsafe characters go.</summary>
    public static AiSummary Clean(AiSummary summary) => new(
        Trimmed(summary.Tldr), Trimmed(summary.Motivation), Trimmed(summary.Method), Trimmed(summary.Result), Trimmed(summary.Conclusion));

    private static string? Collapsed(string? text) =>
        XmlSafeText.Clean(text) is var clean && ReferenceEquals(clean, text) ? text : SourceText.Clean(clean);

    private static string? Trimmed(string? text) =>
        XmlSafeText.Clean(text) is var clean && ReferenceEquals(clean, text) ? text : clean?.Trim() is { Length: > 0 } t ? t : null;

    private static IReadOnlyList<string> CleanList(IReadOnlyList<string> items) =>
        items.All(i => ReferenceEquals(Collapsed(i), i)) ? items : [.. items.Select(Collapsed).OfType<string>()];
}
