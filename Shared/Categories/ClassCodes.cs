using System.Text.RegularExpressions;

namespace PaperSearch.Categories;

/// <summary>
/// The classification codes a record carries, told apart: arXiv categories (the taxonomy), MSC 2020 classes
/// (<c>68T07</c>, <c>05C-XX</c>, <c>68-XX</c>) and ACM CCS 1998 classes (<c>I.2.6</c>, <c>F.2.2</c>, <c>H.3</c>). Some
/// sources mix them in one list (the daily listings put "68T07, 68T45" beside cs.CV); arXiv keeps them in
/// <c>msc-class</c> and <c>acm-class</c>. Used by every parser and by the store's row mapping, so rows written before
/// the split read correctly too. A code that is none of the three is dropped.
/// </summary>
public static partial class ClassCodes
{
    public sealed record Split(IReadOnlyList<string> Categories, IReadOnlyList<string> Msc, IReadOnlyList<string> Acm);

    [GeneratedRegex(@"^\d{2}(-XX|[A-Z](\d{2}|xx|XX)|-\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex MscCode();

    [GeneratedRegex(@"^[A-K](\.\d+(\.\d+)?|\.m|\.\d+\.m)?$")]
    private static partial Regex AcmCode();

    /// <summary>Splits entries that may each hold several codes (separated by spaces, commas or semicolons).</summary>
    public static Split Parse(IEnumerable<string?> entries)
    {
        var categories = new List<string>();
        var msc = new List<string>();
        var acm = new List<string>();
        foreach (var entry in entries)
            // Cleaned first: the parsers split codes before the record's text is cleaned, and a stray control character
            // must not turn "hep-ph" into an unknown code.
            foreach (var raw in (Papers.XmlSafeText.Clean(entry) ?? "").Split([' ', ',', ';', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                var code = raw.Trim().TrimEnd('.');
                if (code.Length == 0) continue;
                if (ArxivTaxonomy.IsKnownCategory(code)) Add(categories, CategoryAliases.Canonicalize(code));
                else if (MscCode().IsMatch(code)) Add(msc, code.ToUpperInvariant().Replace("XX", "xx", StringComparison.Ordinal));
                else if (AcmCode().IsMatch(code)) Add(acm, code);
            }
        return new Split(categories, msc, acm);
    }

    /// <summary>The arXiv categories among <paramref name="entries"/>, canonical, in order.</summary>
    public static IReadOnlyList<string> CategoriesOf(IEnumerable<string?> entries) => Parse(entries).Categories;

    private static void Add(List<string> list, string code)
    {
        if (!list.Contains(code, StringComparer.OrdinalIgnoreCase)) list.Add(code);
    }
}
