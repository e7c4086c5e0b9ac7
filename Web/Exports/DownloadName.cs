using System.Globalization;
using System.Text;
using PaperSearch.Web.Components.Cards;

namespace PaperSearch.Web.Exports;

/// <summary>
/// File names of downloads: <c>papersearch-</c>, what was exported as a readable ASCII word (the id, the query, the
/// list's expression), the day it is of, the format's extension: <c>papersearch-sparse-attention-2025-03-18.bib</c>.
/// </summary>
public static class DownloadName
{
    private const int MaxSubject = 50;

    public static string For(string subject, DateOnly? day, ExportFormat format) =>
        "papersearch-" + Slug(subject) + (day is { } d ? "-" + ArxivLinks.Day(d) : "") + format.Extension;

    /// <summary>Lower-case ASCII letters, digits, '.' and '+' (as category expressions write them); any other run is one '-'.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder();
        // Decomposed first, so an accent is a mark of its own that is dropped (Müller → muller), not a break.
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (sb.Length >= MaxSubject) break;
            if (ch < 128 && (char.IsLetterOrDigit(ch) || ch is '.' or '+')) sb.Append(char.ToLowerInvariant(ch));
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-', '.');
        return slug.Length > 0 ? slug : "export";
    }
}
