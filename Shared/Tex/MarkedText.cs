using System.Text;

namespace PaperSearch.Tex;

/// <summary>
/// A text with some characters highlighted: the search highlighter's output (<c>&lt;mark&gt;</c> around matches, all else
/// HTML-encoded) read back into characters, so a highlight can be moved off a formula's inside and the page can convert
/// TeX without cutting a mark in two. <see cref="Parse"/> and <see cref="ToHtml"/> are inverses on that format.
/// </summary>
public sealed class MarkedText
{
    private MarkedText(string text, bool[] marked) => (Text, Marked) = (text, marked);

    public string Text { get; }

    /// <summary>One flag per character of <see cref="Text"/>.</summary>
    public IReadOnlyList<bool> Marked { get; }

    public static MarkedText Plain(string text) => new(text, new bool[text.Length]);

    public static MarkedText Of(string text, bool[] marked) =>
        marked.Length == text.Length ? new(text, marked) : throw new ArgumentException("One flag per character.", nameof(marked));

    /// <summary>Reads highlight HTML: <c>&lt;mark&gt;</c>/<c>&lt;/mark&gt;</c> tags and the five entities the encoder writes.</summary>
    public static MarkedText Parse(string html)
    {
        var text = new StringBuilder(html.Length);
        var marked = new List<bool>(html.Length);
        var inMark = false;
        for (var i = 0; i < html.Length;)
        {
            if (At(html, i, "<mark>")) { inMark = true; i += 6; continue; }
            if (At(html, i, "</mark>")) { inMark = false; i += 7; continue; }
            var (c, width) = html[i] == '&' ? Entity(html, i) : (html[i], 1);
            text.Append(c);
            marked.Add(inMark);
            i += width;
        }
        return new(text.ToString(), [.. marked]);
    }

    /// <summary>The highlight HTML again: the text encoded, each run of marked characters in one &lt;mark&gt;.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder(Text.Length + 16);
        var open = false;
        for (var i = 0; i < Text.Length; i++)
        {
            if (Marked[i] != open) { sb.Append(open ? "</mark>" : "<mark>"); open = !open; }
            AppendEncoded(sb, Text[i]);
        }
        if (open) sb.Append("</mark>");
        return sb.ToString();
    }

    /// <summary>Encodes only what HTML needs (&amp; &lt; &gt; " '), leaving Chinese and accents readable.</summary>
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text) AppendEncoded(sb, c);
        return sb.ToString();
    }

    public static void AppendEncoded(StringBuilder sb, char c)
    {
        var entity = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => null };
        if (entity is null) sb.Append(c);
        else sb.Append(entity);
    }

    private static bool At(string s, int i, string what) => string.CompareOrdinal(s, i, what, 0, what.Length) == 0;

    private static (char, int) Entity(string html, int i)
    {
        foreach (var (name, c) in Entities)
            if (At(html, i, name)) return (c, name.Length);
        return ('&', 1);
    }

    private static readonly (string, char)[] Entities = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\'')];
}
