using System.Collections.Frozen;

namespace PaperSearch.Categories;

/// <summary>
/// arXiv cross-lists some categories under two names. We keep one canonical code for each pair
/// (the one arXiv itself treats as canonical), exactly as Cool Papers merges them.
/// </summary>
public static class CategoryAliases
{
    private static readonly FrozenDictionary<string, string> AliasToCanonical = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["cs.NA"] = "math.NA",
        ["cs.SY"] = "eess.SY",
        ["math.IT"] = "cs.IT",
        ["math.MP"] = "math-ph",
        ["q-fin.EC"] = "econ.GN",
        ["stat.TH"] = "math.ST",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical code for <paramref name="category"/> (spelling fixed when known).</summary>
    public static string Canonicalize(string category)
    {
        var trimmed = category.Trim();
        if (AliasToCanonical.TryGetValue(trimmed, out var canonical)) return canonical;
        return ArxivTaxonomy.CanonicalCode(trimmed) ?? trimmed;
    }

    /// <summary>Canonicalises every code, drops empties and duplicates, keeps the order (primary first).</summary>
    public static IReadOnlyList<string> Canonicalize(IEnumerable<string> categories)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var c in categories)
        {
            if (string.IsNullOrWhiteSpace(c)) continue;
            var canonical = Canonicalize(c);
            if (seen.Add(canonical)) result.Add(canonical);
        }
        return result;
    }

    /// <summary>Splits arXiv's space-separated category string (<c>"cs.AI cs.LG"</c>) and canonicalises it.</summary>
    public static IReadOnlyList<string> ParseList(string? spaceSeparated) =>
        spaceSeparated is null ? [] : Canonicalize(spaceSeparated.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
