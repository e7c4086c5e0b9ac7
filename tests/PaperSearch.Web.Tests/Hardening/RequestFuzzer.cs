using System.Globalization;
using System.Text;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>
/// Generates hostile request URLs for /api and /feed: Lucene syntax fragments, random Unicode (controls,
/// invalid UTF-8 standing in for lone surrogates, astral planes), huge and malformed numbers, empty and repeated
/// parameters, deep nesting, huge OR lists and 10 kB values. Seeded, so a failure reproduces.
/// </summary>
internal sealed class RequestFuzzer(int seed)
{
    private static readonly string[] Params = ["q", "cat", "from", "to", "sort", "mode", "page", "size", "k", "date"];
    private static readonly string[] Syntax =
    [
        "*", "?", "ti:", "au:", "abs:", "cat:", "id:", "\"", "(", ")", "AND", "OR", "NOT", "&&", "||", "!", "~", "~2", "^", "^10",
        "[", "]", "{", "}", ":", "\\", "/", "+", "-", "*ing", "?ransformer", "a*", "ti:*", "[a TO z]", "{* TO *}", "\"unclosed",
        "cs.AI", "cs.LG-cs.CV", "math.*", "2401.06769", "hep-th/9901001", "https://arxiv.org/abs/2503.11731", "/regex.*/", "'", ";", "%",
        "transformer", "attention", "注意力机制", "检索", "graph neural network", "NaN", "null", "undefined", "<script>", "&amp;",
    ];
    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "100", "101", "2147483647", "2147483648", "-2147483649", "99999999999999999999999", "1e309", "NaN", "Infinity",
        "0x10", "1.5", "1,000", " 1", "١٢", "+5", "--1", "",
    ];
    private static readonly string[] Dates = ["2025-03-18", "2025-13-01", "0001-01-01", "9999-12-31", "2025-02-30", "yesterday", "20250318", "2025-3-1", ""];
    private static readonly string[] RawEncoded = ["%00", "%ED%A0%80", "%ED%BF%BF", "%FF", "%C0%AF", "%F0%9F%98%80", "%E2%80%AE", "%1B", "%7F", "%0A", "%0D", "%2F", "%5C", "%25", "%"];

    private readonly Random _random = new(seed);

    public string Next()
    {
        var kind = _random.Next(10);
        return kind switch
        {
            0 => "/api/papers/" + PathValue(),
            1 => "/api/papers/" + Pick(["2503.11731", "2503.99999", "hep-th/9901001", "2401.06769"]) + "/related" + Query(1, ["k"]),
            2 => "/feed/search" + Query(_random.Next(0, 5), Params),
            3 => "/feed/list/" + ListExpression() + Query(_random.Next(0, 2), ["date"]),
            4 => "/api/stats" + Query(_random.Next(0, 2), Params),
            5 => "/api/lists/" + ListExpression() + Query(_random.Next(0, 2), ["date"]),
            _ => "/api/search" + Query(_random.Next(0, 7), Params),
        };
    }

    private string Query(int count, string[] names)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var name = Pick(names);
            sb.Append(sb.Length == 0 ? '?' : '&').Append(name);
            if (_random.Next(12) == 0) continue; // a bare name, no '='
            sb.Append('=').Append(ValueFor(name));
            if (_random.Next(8) == 0) sb.Append('&').Append(name).Append('=').Append(ValueFor(name)); // repeated
        }
        return sb.ToString();
    }

    private string ValueFor(string name) => _random.Next(4) == 0 ? Value() : name switch
    {
        "page" or "size" or "k" => Escape(Pick(Numbers)),
        "from" or "to" or "date" => Escape(Pick(Dates)),
        "sort" => Escape(Pick(["relevance", "date", "DATE", "", "stars", "relevance,date"])),
        "mode" => Escape(Pick(["bm25", "hybrid", "semantic", "Hybrid", "", "magic", "0", "2"])),
        _ => Value(),
    };

    private string Value() => _random.Next(12) switch
    {
        0 => "",
        1 => Escape(new string('a', _random.Next(900, 11_000))),
        2 => Escape(string.Join(" OR ", Enumerable.Range(0, _random.Next(50, 400)).Select(i => "t" + i))),
        3 => Escape(new string('(', _random.Next(5, 60)) + "x" + new string(')', _random.Next(0, 60))),
        4 => Escape(RandomUnicode(_random.Next(1, 40))),
        5 => string.Concat(Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Pick(RawEncoded) + Escape(Pick(Syntax)))),
        6 => Escape(Pick(Numbers)),
        _ => Escape(string.Join(_random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, _random.Next(1, 8)).Select(_ => Pick(Syntax)))),
    };

    // Kestrel itself rejects a NUL in the path (400 before the app runs), and the in-memory test client throws on it.
    /// <summary>Half the time a valid expression, so dates reach the listing code and not only the parser.</summary>
    private string ListExpression() => _random.Next(2) == 0 ? Pick(["cs", "cs.CL", "cs.AI+cs.LG-cs.CY", "hep-th", "math.AG"]) : PathValue();

    private string PathValue() => Value().Replace("%00", "%01", StringComparison.Ordinal);

    private string RandomUnicode(int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            var cp = _random.Next(5) switch
            {
                0 => _random.Next(0, 0x20),          // C0 controls
                1 => _random.Next(0x20, 0x7F),       // ASCII
                2 => _random.Next(0x4E00, 0x9FFF),   // CJK
                3 => _random.Next(0x10000, 0x10FFFF), // astral planes
                _ => _random.Next(0x80, 0xFFFF),
            };
            if (cp is >= 0xD800 and <= 0xDFFF) continue; // lone surrogates go in as raw bytes (RawEncoded)
            sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Escape(string s) => Uri.EscapeDataString(s);

    public static string Describe(int seed, int index) => string.Create(CultureInfo.InvariantCulture, $"seed {seed}, request #{index}");
}
