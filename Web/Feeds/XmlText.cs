using System.Text;

namespace PaperSearch.Web.Feeds;

/// <summary>
/// Text as XML 1.0 can carry it. A stored paper may hold characters the XML writer refuses (C0 controls, U+FFFE,
/// a lone surrogate), and one such paper used to turn every feed that listed it into a 500.
/// </summary>
// The importer gets its own cleaning on another branch; this write-time copy stays private to feeds until the two are unified.
internal static class XmlText
{
    /// <summary>The text without the characters XML 1.0 forbids: C0 controls other than tab, LF and CR, U+FFFE, U+FFFF and lone surrogates.</summary>
    public static string Clean(string text)
    {
        StringBuilder? cleaned = null; // made only once a character must go: most text is clean and comes back as it is
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (!pair && !IsAllowedAlone(text[i]))
            {
                cleaned ??= new StringBuilder(text.Length).Append(text, 0, i);
                continue;
            }
            cleaned?.Append(text, i, pair ? 2 : 1);
            if (pair) i++;
        }
        return cleaned?.ToString() ?? text;
    }

    private static bool IsAllowedAlone(char ch) =>
        ch is '\t' or '\n' or '\r' || (ch >= ' ' && ch is not ('\uFFFE' or '\uFFFF') && !char.IsSurrogate(ch));
}
