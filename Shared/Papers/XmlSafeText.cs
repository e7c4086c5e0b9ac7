using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace PaperSearch.Papers;

/// <summary>
/// Removes the characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return; lone
/// surrogates; U+FFFE and U+FFFF) and the other Unicode noncharacters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF in every
/// plane), which no text means to hold. The importer stores only cleaned text; anything that writes XML (feeds)
/// can call it again on text from elsewhere. Text that needs no change comes back as the same instance.
/// </summary>
public static class XmlSafeText
{
    // Everything that may need removing, plus all surrogates (a pair is kept, so those are checked one by one).
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        Range('\uD800', '\uDFFF') + Range('\uFDD0', '\uFDEF') + "\uFFFE\uFFFF");

    [return: NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var first = text.AsSpan().IndexOfAny(Suspects);
        if (first < 0) return text;
        var chars = text.ToCharArray();
        var length = first + RemoveInPlace(chars.AsSpan(first));
        return length == text.Length ? text : new string(chars, 0, length);
    }

    /// <summary>
    /// Removes the unsafe characters of <paramref name="text"/> in place (for readers that clean a buffer as it
    /// streams) and returns how many remain at its start. A high surrogate in the last place counts as lone, so a
    /// streaming caller keeps it back until it has the next character.
    /// </summary>
    public static int RemoveInPlace(Span<char> text)
    {
        var kept = 0;
        for (var i = 0; i < text.Length;)
        {
            var keep = KeptLength(text, i);
            if (keep == 0) { i++; continue; }
            if (kept != i) text.Slice(i, keep).CopyTo(text[kept..]);
            kept += keep;
            i += keep;
        }
        return kept;
    }

    /// <summary>How many chars at <paramref name="i"/> stay: 1 for an ordinary char, 2 for a valid pair, 0 to drop one.</summary>
    private static int KeptLength(ReadOnlySpan<char> text, int i)
    {
        var ch = text[i];
        if (char.IsHighSurrogate(ch))
        {
            if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return 0;
            // U+1FFFE, U+1FFFF … U+10FFFF: the last two code points of every plane are noncharacters.
            return (char.ConvertToUtf32(ch, text[i + 1]) & 0xFFFE) == 0xFFFE ? 0 : 2;
        }
        return Suspects.Contains(ch) ? 0 : 1;
    }

    private static string Range(char first, char last) =>
        string.Create(last - first + 1, first, (span, start) =>
        {
            for (var k = 0; k < span.Length; k++) span[k] = (char)(start + k);
        });
}
