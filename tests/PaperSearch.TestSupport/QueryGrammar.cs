using System.Text;

namespace PaperSearch.TestSupport;

/// <summary>
/// Generates search-box text from the query grammar and from its near misses: words, phrases, groups, operators
/// (AND OR NOT &amp;&amp; || + - !), field prefixes (known, unknown, empty), fuzzy/proximity/boost suffixes with good and bad
/// numbers, wildcards anywhere, unbalanced and stray brackets and quotes, and odd Unicode. Seeded, so a failure
/// reproduces from its seed and index.
/// </summary>
public sealed class QueryGrammar(int seed)
{
    private static readonly string[] Words =
    [
        "graph", "neural", "transformer", "attention", "diffusion", "video", "knowledge", "distillation", "the", "of", "a", "x",
        "C++", "R&D", "state-of-the-art", "低分辨率", "人脸识别", "注意力", "2401.06769", "hep-th/9901001", "cs.AI", "NaN", "AND", "OR",
        "NOT", "NOTNOT", "ANDROID", "ORacle", "≘", "e\u0301", "\u202Eabc", "\u0000", "\u001B", "\uFFFE", "\uD800", "\uDC00x", "😀",
        "١٢٣", "ß", "İ", "\t", "\u3000", "",
    ];
    private static readonly string[] Fields = ["ti:", "title:", "au:", "author:", "abs:", "abstract:", "cat:", "id:", "foo:", ":", "ti::", "TI:", "cat:cat:"];
    private static readonly string[] Operators = ["AND", "OR", "NOT", "&&", "||", "+", "-", "!", "AND NOT", "OR OR", "NOT NOT", "--", "+-", "!!"];
    private static readonly string[] Suffixes = ["~", "~0", "~1", "~2", "~3", "~0.5", "~-1", "~x", "^", "^2", "^0", "^0.5", "^-1", "^1e9", "^101", "~1^2", "^2~1", "~99999999999", "*", "**", "?", "*?", "~*"];
    private static readonly string[] Stray = ["(", ")", "\"", "[", "]", "{", "}", "\\", "/", "*", "?", "~", "^", ":", "()", "\"\"", "(\"", ")(", "[*]", "\\*"];

    private readonly Random _random = new(seed);

    /// <summary>One query text, usually under 200 characters.</summary>
    public string Next()
    {
        var sb = new StringBuilder();
        var parts = _random.Next(1, 8);
        for (var i = 0; i < parts; i++)
        {
            if (i > 0 && _random.Next(4) != 0) sb.Append(' ');
            sb.Append(Clause(depth: 0));
        }
        return sb.ToString();
    }

    private string Clause(int depth) => _random.Next(14) switch
    {
        0 => Pick(Operators),
        1 => Pick(Stray),
        2 when depth < 3 => Pick(["", "+", "-", "!", "NOT "]) + Pick(["", Pick(Fields)]) + "(" + Inner(depth + 1) + Pick([")", ")", ")", "", "))"]) + Pick(["", Pick(Suffixes)]),
        3 => Pick(["", Pick(Fields)]) + "\"" + Inner(depth + 1) + Pick(["\"", "\"", ""]) + Pick(["", Pick(Suffixes)]),
        4 => Pick(Fields) + Pick(["", " ", ")", "(", "\"", Pick(Words), Pick(Suffixes)]),
        5 => Pick(Words) + Pick(Suffixes),
        6 => Wildcarded(Pick(Words)),
        7 => new string(Pick(['(', ')', '"', '*', '~', '^', '-', '+', ':']), _random.Next(1, 12)),
        8 => RandomUnicode(_random.Next(1, 6)),
        _ => Pick(["", "", Pick(["+", "-", "!"])]) + Pick(["", "", Pick(Fields)]) + Pick(Words),
    };

    private string Inner(int depth)
    {
        var sb = new StringBuilder();
        for (var i = _random.Next(0, 4); i > 0; i--) sb.Append(Clause(depth)).Append(_random.Next(5) == 0 ? "" : " ");
        return sb.ToString();
    }

    private string Wildcarded(string word)
    {
        if (word.Length == 0) return "*";
        var at = _random.Next(word.Length + 1);
        return word[..at] + Pick(["*", "?", "**", "*?"]) + word[at..];
    }

    private string RandomUnicode(int length)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
            sb.Append(_random.Next(4) switch
            {
                0 => (char)_random.Next(0, 0x20),
                1 => (char)_random.Next(0xD800, 0xE000), // lone surrogates
                2 => (char)_random.Next(0x2000, 0x2BFF),
                _ => (char)_random.Next(0x20, 0xFFFF),
            });
        return sb.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
