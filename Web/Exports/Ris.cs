using System.Globalization;
using System.Text;
using PaperSearch.Papers;
using PaperSearch.Web.Components.Cards;

namespace PaperSearch.Web.Exports;

/// <summary>
/// RIS records (the RefMan tagged format Zotero, EndNote and Mendeley import). RIS has no preprint type: an arXiv
/// paper is <c>TY  - JOUR</c> in the journal "arXiv preprint arXiv:ID", the shape Google Scholar exports and every
/// importer maps to a journal article, with the PDF as <c>L1</c> so Zotero attaches it. One tag per line, so every value
/// goes through <see cref="Citation.OneLine"/>: a line break inside a value would start a tag of its own.
/// </summary>
public static class Ris
{
    /// <summary>The spec ends each line with CR LF; readers accept LF too, but not every one of them.</summary>
    private const string LineEnd = "\r\n";

    /// <summary>Records one after another, a blank line between them: an .ris file.</summary>
    public static string For(IEnumerable<Paper> papers) => string.Join(LineEnd, papers.Select(For));

    public static string For(Paper paper)
    {
        var sb = new StringBuilder();
        Tag(sb, "TY", "JOUR");
        Tag(sb, "ID", paper.Id);
        Tag(sb, "TI", paper.Title);
        foreach (var author in paper.Authors) Tag(sb, "AU", Citation.LastFirst(author));
        Tag(sb, "AB", paper.Abstract);
        if (Citation.DateOf(paper) is { } date)
        {
            Tag(sb, "PY", date.Year.ToString(CultureInfo.InvariantCulture));
            // RIS writes an unknown day as empty: 2022/09//.
            Tag(sb, "DA", date.ToString(Citation.DayKnown(paper) ? "yyyy'/'MM'/'dd" : "yyyy'/'MM'//'", CultureInfo.InvariantCulture));
        }
        Tag(sb, "T2", "arXiv preprint arXiv:" + paper.Id);
        Tag(sb, "PB", "arXiv");
        Tag(sb, "UR", ArxivLinks.Abs(paper.Id));
        Tag(sb, "L1", ArxivLinks.Pdf(paper.Id));
        if (paper.Doi is { } doi) Tag(sb, "DO", doi);
        foreach (var category in paper.Categories) Tag(sb, "KW", category);
        if (!string.IsNullOrWhiteSpace(paper.JournalRef)) Tag(sb, "N1", "Journal reference: " + paper.JournalRef);
        if (!string.IsNullOrWhiteSpace(paper.Comments)) Tag(sb, "N1", "Comments: " + paper.Comments);
        sb.Append("ER  - ").Append(LineEnd);
        return sb.ToString();
    }

    /// <summary>One tag line; a value that is empty once cleaned is left out (an empty tag is noise to every reader).</summary>
    private static void Tag(StringBuilder sb, string tag, string value)
    {
        var line = Citation.OneLine(value);
        if (line.Length > 0) sb.Append(tag).Append("  - ").Append(line).Append(LineEnd);
    }
}
