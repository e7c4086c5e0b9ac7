using System.Globalization;
using System.Text;
using PaperSearch.Papers;

namespace PaperSearch.Web.Components.Cards;

/// <summary>
/// A BibTeX entry for an arXiv paper, in the shape arXiv's own "Export BibTeX citation" uses
/// (<c>@misc</c> with eprint, archivePrefix, primaryClass), plus DOI and journal reference when known.
/// </summary>
public static class BibTex
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "towards", "toward", "via", "is", "are", "by", "from", "at",
    };

    public static string For(Paper paper)
    {
        var sb = new StringBuilder();
        sb.Append("@misc{").Append(Key(paper)).Append(",\n");
        Field(sb, "title", Escape(Squash(paper.Title)));
        if (paper.Authors.Count > 0) Field(sb, "author", Escape(string.Join(" and ", paper.Authors.Select(Squash))));
        if (Year(paper) is { } year) Field(sb, "year", year.ToString(CultureInfo.InvariantCulture));
        Field(sb, "eprint", paper.Id);
        Field(sb, "archivePrefix", "arXiv");
        if (paper.PrimaryCategory is { } primary) Field(sb, "primaryClass", primary);
        if (!string.IsNullOrWhiteSpace(paper.Doi)) Field(sb, "doi", paper.Doi.Trim());
        if (!string.IsNullOrWhiteSpace(paper.JournalRef)) Field(sb, "note", Escape(Squash(paper.JournalRef)));
        Field(sb, "url", ArxivLinks.Abs(paper.Id));
        sb.Length -= 2; // the last field's ",\n"
        sb.Append("\n}");
        return sb.ToString();
    }

    /// <summary>firstauthorsurname + year + first significant title word, ASCII lower case: <c>vaswani2017attention</c>.</summary>
    public static string Key(Paper paper)
    {
        var surname = paper.Authors.Count > 0 ? LastToken(paper.Authors[0]) : "anonymous";
        var word = Words(paper.Title).FirstOrDefault(w => !StopWords.Contains(w) && w.Any(char.IsLetter)) ?? "";
        var key = Ascii(surname) + (Year(paper)?.ToString(CultureInfo.InvariantCulture) ?? "") + Ascii(word);
        return key.Length > 0 ? key : "arxiv" + Ascii(paper.Id);
    }

    private static int? Year(Paper paper) =>
        paper.Submitted?.Year ?? paper.EffectiveDate?.Year;

    private static void Field(StringBuilder sb, string name, string value) =>
        sb.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");

    private static string LastToken(string name)
    {
        var tokens = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length == 0 ? "" : tokens[^1];
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', '-', ':', ',', '.', '?', '!', '(', ')', '$', '/', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Lower-case ASCII letters and digits only; accents are folded (Müller → muller).</summary>
    private static string Ascii(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
            if (ch < 128 && char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        return sb.ToString();
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Escapes the characters that break a BibTeX value. TeX the authors wrote (<c>$\alpha$</c>, <c>\"o</c>) is kept;
    /// braces are balanced by dropping any that would close more than was opened.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var escaped = i > 0 && text[i - 1] == '\\';
            switch (ch)
            {
                case '&' or '%' or '#' when !escaped:
                    sb.Append('\\').Append(ch);
                    break;
                case '{' when !escaped:
                    depth++;
                    sb.Append(ch);
                    break;
                case '}' when !escaped:
                    if (depth == 0) continue;
                    depth--;
                    sb.Append(ch);
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }
        sb.Append('}', depth);
        return sb.ToString();
    }
}
