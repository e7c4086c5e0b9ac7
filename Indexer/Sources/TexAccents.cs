using System.Text;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// Turns the TeX accent markup arXiv keeps in author strings (<c>Bal\'azs</c>, <c>{\"o}</c>, <c>\v{c}</c>, <c>\ss</c>)
/// into Unicode, so a name reads the same whichever source it came from. Math and unknown commands are left alone.
/// </summary>
internal static class TexAccents
{
    public static string Decode(string text)
    {
        if (text.IndexOf('\\') < 0 && text.IndexOf('{') < 0) return text;
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch == '\\' && i + 1 < text.Length && TryCommand(text, ref i, sb)) continue;
            if (ch is not ('{' or '}')) sb.Append(ch);
            i++;
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool TryCommand(string text, ref int i, StringBuilder sb)
    {
        var start = i + 1;
        var end = start;
        if (SymbolAccents.ContainsKey(text[start])) end = start + 1;
        else while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
        if (end == start) return false;
        var name = text[start..end];

        if (Letters.TryGetValue(name, out var letter) && !IsAccentWithArgument(name, text, end))
        {
            sb.Append(letter);
            i = end;
            if (i < text.Length && text[i] == ' ' ) i++; // "\ss ome" → "ßome": TeX eats one space after a control word
            else if (i + 1 < text.Length && text[i] == '{' && text[i + 1] == '}') i += 2;
            return true;
        }

        var mark = name.Length == 1 && SymbolAccents.TryGetValue(name[0], out var s) ? s
                 : LetterAccents.TryGetValue(name, out var l) ? l : '\0';
        if (mark == '\0') return false;

        var j = end;
        if (name.Length > 1 || char.IsAsciiLetter(name[0])) while (j < text.Length && text[j] == ' ') j++;
        if (j >= text.Length) return false;
        string argument;
        if (text[j] == '{')
        {
            var close = text.IndexOf('}', j + 1);
            if (close < 0) return false;
            argument = Decode(text[(j + 1)..close]);
            j = close + 1;
        }
        else if (text[j] == '\\' && j + 1 < text.Length && text[j + 1] is 'i' or 'j')
        {
            argument = text[j + 1].ToString();
            j += 2;
        }
        else
        {
            argument = text[j].ToString();
            j++;
        }
        if (argument.Length == 0) return false;
        sb.Append(argument[0]).Append(mark).Append(argument, 1, argument.Length - 1);
        i = j;
        return true;
    }

    // "\u" is both an accent (breve) and not a letter command; "\o" is a letter but "\oe" too: longest name wins by construction.
    private static bool IsAccentWithArgument(string name, string text, int end) =>
        LetterAccents.ContainsKey(name) && end < text.Length && text[end] is '{' or ' ';

    private static readonly Dictionary<char, char> SymbolAccents = new()
    {
        ['\''] = '\u0301', ['`'] = '\u0300', ['^'] = '\u0302', ['"'] = '\u0308', ['~'] = '\u0303', ['='] = '\u0304', ['.'] = '\u0307',
    };

    private static readonly Dictionary<string, char> LetterAccents = new(StringComparer.Ordinal)
    {
        ["u"] = '\u0306', ["v"] = '\u030C', ["H"] = '\u030B', ["c"] = '\u0327', ["k"] = '\u0328', ["r"] = '\u030A',
    };

    private static readonly Dictionary<string, string> Letters = new(StringComparer.Ordinal)
    {
        ["ss"] = "ß", ["o"] = "ø", ["O"] = "Ø", ["ae"] = "æ", ["AE"] = "Æ", ["aa"] = "å", ["AA"] = "Å", ["oe"] = "œ", ["OE"] = "Œ",
        ["l"] = "ł", ["L"] = "Ł", ["i"] = "ı", ["j"] = "ȷ",
    };
}
