using System.Globalization;
using System.Text;
using PaperSearch.Papers;
using PaperSearch.Web.Components.Cards;

namespace PaperSearch.Web.Exports;

/// <summary>
/// A BibTeX entry for an arXiv paper, in the shape arXiv's own "Export BibTeX citation" uses
/// (<c>@misc</c> with eprint, archivePrefix, primaryClass), plus DOI and journal reference when known.
/// Every value, generated or stored, goes through <see cref="Escape"/>: stored metadata is data and must never end a field.
/// </summary>
public static partial class BibTex
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "towards", "toward", "via", "is", "are", "by", "from", "at",
    };

    /// <summary>Entries one after another, a blank line between them: a .bib file.</summary>
    public static string For(IEnumerable<Paper> papers) => string.Join("\n\n", papers.Select(For)) + "\n";

    public static string For(Paper paper)
    {
        var sb = new StringBuilder();
        sb.Append("@misc{").Append(Key(paper)).Append(",\n");
        Field(sb, "title", paper.Title);
        // Each name on its own: a brace in one author must not pair with a brace in the next and swallow the " and ".
        if (paper.Authors.Count > 0)
            sb.Append("  author = {").AppendJoin(" and ", paper.Authors.Select(a => Escape(Citation.OneLine(a)))).Append("},\n");
        if (Year(paper) is { } year) Field(sb, "year", year.ToString(CultureInfo.InvariantCulture));
        if (Citation.DateOf(paper) is { } date) sb.Append("  month = ").Append(date.ToString("MMM", CultureInfo.InvariantCulture).ToLowerInvariant()).Append(",\n");
        Field(sb, "eprint", paper.Id);
        Field(sb, "archivePrefix", "arXiv");
        if (paper.PrimaryCategory is { } primary) Field(sb, "primaryClass", primary);
        if (!string.IsNullOrWhiteSpace(paper.Doi)) Field(sb, "doi", paper.Doi);
        if (!string.IsNullOrWhiteSpace(paper.JournalRef)) Field(sb, "note", paper.JournalRef);
        Field(sb, "url", ArxivLinks.Abs(paper.Id));
        sb.Length -= 2; // the last field's ",\n"
        sb.Append("\n}");
        return sb.ToString();
    }

    /// <summary>firstauthorsurname + year + first significant title word, ASCII lower case: <c>vaswani2017attention</c>.</summary>
    public static string Key(Paper paper)
    {
        var surname = paper.Authors.Count > 0 ? LastToken(paper.Authors[0]) : "anonymous";
        // TeX command names are markup, not words: "\texttt{Complex-Edit}" keys as complex, not textttcomplex.
        var word = Words(TexCommand().Replace(paper.Title, " ")).FirstOrDefault(w => !StopWords.Contains(w) && w.Any(char.IsLetter)) ?? "";
        var key = Ascii(surname) + (Year(paper)?.ToString(CultureInfo.InvariantCulture) ?? "") + Ascii(word);
        return key.Length > 0 ? key : "arxiv" + Ascii(paper.Id);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\[A-Za-z]+\*?|[{}\\]")]
    private static partial System.Text.RegularExpressions.Regex TexCommand();

    private static int? Year(Paper paper) => Citation.DateOf(paper)?.Year;

    private static void Field(StringBuilder sb, string name, string value) =>
        sb.Append("  ").Append(name).Append(" = {").Append(Escape(Citation.OneLine(value))).Append("},\n");

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

    /// <summary>
    /// Text made safe as a brace-delimited BibTeX value, keeping the TeX authors wrote (<c>$\alpha$</c>, <c>\"o</c>, <c>{BERT}</c>).
    /// BibTeX (and biber's btparse) count every brace, backslash or not, and the first <c>}</c> at depth 0 ends the field;
    /// LaTeX later counts only the bare ones. So bare braces are paired among themselves and <c>\{ \}</c> among themselves
    /// (two sequences that each never drop below 0 sum to one that does not either), and a brace left without a partner
    /// becomes <c>\textbraceleft{}</c> / <c>\textbraceright{}</c>, which prints the same character and counts as a closed pair.
    /// </summary>
    public static string Escape(string text)
    {
        var unpaired = BraceMatching.Unpaired(text);
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var escaped = BraceMatching.IsEscaped(text, i);
            if (unpaired.Contains(i))
            {
                if (escaped) sb.Length--; // the backslash belongs to the brace it escaped
                sb.Append(ch == '{' ? @"\textbraceleft{}" : @"\textbraceright{}");
            }
            else if (ch is '&' or '%' or '#' && !escaped) sb.Append('\\').Append(ch);
            // A lone trailing backslash would escape whatever a style writes after the value (title\. is an accent).
            else if (ch == '\\' && i == text.Length - 1 && !escaped) continue;
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}
