using System.Text;
using PaperSearch.Papers;

namespace PaperSearch.Web.Exports;

/// <summary>What every citation format (BibTeX, RIS, the paper page's meta tags) reads from a paper the same way.</summary>
public static class Citation
{
    /// <summary>Last words that name a group, not a person's surname: such an author stays one name.</summary>
    private static readonly HashSet<string> GroupWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Collaboration", "Collaborations", "Consortium", "Team", "Group", "Project", "Initiative",
    };

    /// <summary>
    /// The date a citation carries, as arXiv's own would: version 1's submission when the source gave it, else the month a
    /// new-style id names (its submission month: 2209.07775 is September 2022, whenever it was announced), else the
    /// announcement day. <see cref="DayKnown"/> says whether the day is real or only the month is.
    /// </summary>
    public static DateOnly? DateOf(Paper paper) =>
        paper.Submitted is { } submitted ? DateOnly.FromDateTime(submitted.UtcDateTime) : ArxivId.MonthOf(paper.Id) ?? paper.EffectiveDate;

    /// <summary>False when <see cref="DateOf"/> is a month taken from the id (its day is the 1st only as a placeholder).</summary>
    public static bool DayKnown(Paper paper) => paper.Submitted is not null || ArxivId.MonthOf(paper.Id) is null;

    /// <summary>
    /// Text as one line: runs of whitespace (line breaks included) become one space and other control characters go.
    /// Both formats need it: an RIS line that broke would start a tag of its own, and a BibTeX value an <c>@</c> entry.
    /// </summary>
    public static string OneLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch)) space = sb.Length > 0;
            else if (!char.IsControl(ch))
            {
                if (space) sb.Append(' ');
                sb.Append(ch);
                space = false;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// "First von Last" as "von Last, First", the form RIS asks for: the surname starts at the first lower-case word
    /// after the first name (van der Berg, de la Cruz), else it is the last word. A name that has a comma already,
    /// a single word or a group ("ATLAS Collaboration") is left as it is.
    /// </summary>
    public static string LastFirst(string name)
    {
        var words = OneLine(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || name.Contains(',') || GroupWords.Contains(words[^1])) return string.Join(' ', words);
        var surname = words.Length - 1;
        for (var i = 1; i < words.Length - 1; i++)
            if (char.IsLower(words[i][0])) { surname = i; break; }
        return string.Join(' ', words[surname..]) + ", " + string.Join(' ', words[..surname]);
    }
}
