namespace PaperSearch.Tex;

/// <summary>A formula in a text: where it starts, how long it is with its delimiters, and whether it is display math.</summary>
public readonly record struct MathSpan(int Start, int Length, bool Display)
{
    public int End => Start + Length;

    public bool Contains(int index) => index > Start && index < End;
}

/// <summary>
/// Where the math is in a title or abstract: <c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c> and <c>\[…\]</c>, found the way KaTeX's
/// auto-render finds them (the first left delimiter, then the first right one outside braces, a backslash escaping the
/// next character), so the server's idea of a formula is the renderer's. The one home of that rule: the search
/// highlighter uses it so a highlight never cuts a formula, the page's TeX-to-HTML step so text macros are converted only
/// outside math.
/// </summary>
public static class TexMath
{
    // In auto-render's order of preference: "$$" before "$" at the same place.
    private static readonly (string Left, string Right, bool Display)[] Delimiters =
        [("$$", "$$", true), ("\\[", "\\]", true), ("\\(", "\\)", false), ("$", "$", false)];

    /// <summary>Formulas longer than this are not formulas but a stray delimiter pairing with a far one.</summary>
    public const int MaxLength = 2000;

    // Deviation from auto-render: an escaped dollar (\$) never opens a formula, and a left delimiter with no right one is
    // text and the search goes on after it (auto-render gives up on the rest of that text node). The page puts every
    // formula in an element of its own (TexHtml), so the browser sees exactly these spans either way.
    public static IReadOnlyList<MathSpan> Spans(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny('$', '\\') < 0) return [];
        var spans = new List<MathSpan>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is not ('(' or '['))
            {
                i += 2; // \$ \\ \{ …: an escaped character is text
                continue;
            }
            if (c is not ('$' or '\\'))
            {
                i++;
                continue;
            }
            var left = Array.FindIndex(Delimiters, d => string.CompareOrdinal(text, i, d.Left, 0, d.Left.Length) == 0);
            if (left < 0)
            {
                i++;
                continue;
            }
            var (l, r, display) = Delimiters[left];
            var end = EndOfMath(text, r, i + l.Length);
            if (end < 0 || end + r.Length - i > MaxLength || end == i + l.Length)
            {
                i += l.Length;
                continue;
            }
            spans.Add(new MathSpan(i, end + r.Length - i, display));
            i = end + r.Length;
        }
        return spans;
    }

    /// <summary>auto-render's findEndOfMath: the right delimiter at brace level 0, a backslash skipping one character.</summary>
    private static int EndOfMath(string text, string right, int from)
    {
        var braces = 0;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (braces <= 0 && string.CompareOrdinal(text, i, right, 0, right.Length) == 0) return i;
            if (c == '\\') i++;
            else if (c == '{') braces++;
            else if (c == '}') braces--;
        }
        return -1;
    }
}
