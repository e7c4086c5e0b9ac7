using PaperSearch.Papers;

namespace PaperSearch.Web.Exports;

/// <summary>A citation format a download can have: the <c>format</c> parameter's value, what a link shows, the media type,
/// the file extension and its one writer. The formats are the rows of <see cref="All"/>.</summary>
public sealed record ExportFormat(string Name, string Label, string MediaType, string Extension, Func<IEnumerable<Paper>, string> Write)
{
    public static readonly ExportFormat BibTex = new("bibtex", "BibTeX", "application/x-bibtex", ".bib", Exports.BibTex.For);
    public static readonly ExportFormat Ris = new("ris", "RIS", "application/x-research-info-systems", ".ris", Exports.Ris.For);

    public static IReadOnlyList<ExportFormat> All { get; } = [BibTex, Ris];

    /// <summary>The <c>format</c> parameter: a format's name in any case (bib too); none means BibTeX.</summary>
    public static (ExportFormat? Format, string? Error) Parse(string? text)
    {
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name) || name.Equals("bib", StringComparison.OrdinalIgnoreCase)) return (BibTex, null);
        return All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } format
            ? (format, null)
            : (null, $"Unknown format '{(name.Length <= 20 ? name : name[..20] + "…")}'. Use {string.Join(" or ", All.Select(f => f.Name))}.");
    }
}
