using System.Diagnostics.CodeAnalysis;

namespace PaperSearch.Categories;

/// <summary>
/// A category filter as Cool Papers writes it: <c>cs.AI,cs.CL</c> or <c>cs.AI+cs.LG</c> (union),
/// <c>-cs.CY</c> (exclude), archives such as <c>cs</c> (all <c>cs.*</c>), e.g. <c>cs.AI+cs.LG-cs.CY</c>. A space between
/// codes is a union too (<c>cs.AI cs.LG</c>: the <c>+</c> of a hand-typed URL decodes to a space).
/// A paper matches when it has a category in <see cref="Include"/> (or Include is empty) and none in
/// <see cref="Exclude"/>. Terms are canonical codes; archive terms match every category of the archive.
/// </summary>
public sealed record CategoryExpression(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public const int MaxLength = 500;

    public static CategoryExpression Everything { get; } = new([], []);

    public bool IsEverything => Include.Count == 0 && Exclude.Count == 0;

    /// <summary>True when <paramref name="term"/> names an archive (<c>cs</c>, <c>hep-th</c>): it matches the
    /// archive's own code and every <c>archive.*</c> category.</summary>
    public static bool IsArchiveTerm(string term) => !term.Contains('.');

    public bool Matches(IEnumerable<string> categories)
    {
        var cats = categories as IReadOnlyCollection<string> ?? categories.ToList();
        if (Include.Count > 0 && !cats.Any(c => Include.Any(t => TermMatches(t, c)))) return false;
        return !cats.Any(c => Exclude.Any(t => TermMatches(t, c)));
    }

    private static bool TermMatches(string term, string category) =>
        string.Equals(term, category, StringComparison.OrdinalIgnoreCase)
        || (!term.Contains('.') && category.StartsWith(term + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>The expression in its canonical written form (<c>cs.AI+cs.LG-cs.CY</c>).</summary>
    public override string ToString() =>
        string.Join('+', Include) + string.Concat(Exclude.Select(e => "-" + e));

    public static CategoryExpression Parse(string? text) =>
        TryParse(text, out var e, out var error) ? e : throw new FormatException(error);

    /// <summary>
    /// Parses an expression. Codes may themselves contain '-' (<c>hep-th</c>, <c>cond-mat.str-el</c>), so the
    /// text is split by matching the longest known code at each position, not by splitting on '-'.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CategoryExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { expression = Everything; return true; }
        if (text.Length > MaxLength) { error = $"The category expression is {text.Length} characters long; the limit is {MaxLength}."; return false; }

        var include = new List<string>();
        var exclude = new List<string>();
        var s = text.Trim();
        var i = 0;
        var op = '+';
        var expectTerm = true;
        var spaceBefore = false;
        while (i < s.Length)
        {
            var ch = s[i];
            if (char.IsWhiteSpace(ch)) { i++; spaceBefore = true; continue; }
            if (expectTerm)
            {
                if (ch == '-') { op = '-'; i++; continue; }
                if (ch is '+' or ',') { i++; continue; }
                var code = LongestCodeAt(s, i);
                if (code is null)
                {
                    var end = i;
                    while (end < s.Length && s[end] is not ('+' or ',' or ' ')) end++;
                    error = $"Unknown category '{s[i..end]}' at position {i + 1}. Use arXiv codes such as cs.AI, math.NA or an archive such as cs.";
                    return false;
                }
                var canonical = CategoryAliases.Canonicalize(code);
                var list = op == '-' ? exclude : include;
                if (!list.Contains(canonical, StringComparer.OrdinalIgnoreCase)) list.Add(canonical);
                i += code.Length;
                expectTerm = false;
                spaceBefore = false;
            }
            else
            {
                if (ch is '+' or ',') { op = '+'; expectTerm = true; i++; continue; }
                if (ch == '-') { op = '-'; expectTerm = true; i++; continue; }
                // A space between two codes is a union: "cs.AI+cs.LG" typed into a URL arrives as "cs.AI cs.LG".
                if (spaceBefore) { op = '+'; expectTerm = true; continue; }
                error = $"Unexpected '{ch}' at position {i + 1}: join categories with '+' or ',' and exclude with '-'.";
                return false;
            }
        }
        if (expectTerm && include.Count + exclude.Count == 0 || expectTerm && s.TrimEnd()[^1] is '+' or ',' or '-')
        {
            error = "The category expression ends with an operator; write e.g. cs.AI+cs.LG-cs.CY.";
            return false;
        }
        expression = new CategoryExpression(include, exclude);
        return true;
    }

    private static string? LongestCodeAt(string s, int start)
    {
        string? best = null;
        for (var end = start + 1; end <= s.Length; end++)
        {
            var candidate = s[start..end];
            if (ArxivTaxonomy.IsKnownCategory(candidate) || ArxivTaxonomy.Archives.Contains(candidate))
            {
                // Only accept a match that ends at an operator boundary (so "cs" is not taken from "cs.AI").
                if (end == s.Length || s[end] is '+' or ',' or '-' or ' ')
                    best = ArxivTaxonomy.CanonicalCode(candidate) ?? candidate;
            }
        }
        return best;
    }
}
