using PaperSearch.Papers;

namespace PaperSearch.Web.Exports;

/// <summary>
/// A selection of papers named by id (<c>ids=2401.06769,hep-th/9901001</c>), as a library or a script sends it: any id
/// form, commas or spaces between them, duplicates dropped, first-seen order kept, at most <see cref="MaxIds"/>.
/// </summary>
public sealed record SelectionRequest(IReadOnlyList<string> Ids)
{
    /// <summary>Enough for a reading list; a whole category is a daily list's export, and a bigger set is several requests.</summary>
    public const int MaxIds = 200;

    /// <summary>A posted selection (a whole library's export) is not bound by the length of a URL.</summary>
    public const int MaxPostedIds = 2000;

    /// <summary>The request, or null with a message a person can act on.</summary>
    public static (SelectionRequest? Request, string? Error) Parse(string? ids, int maxIds = MaxIds)
    {
        var parts = (ids ?? "").Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return (null, "Name at least one arXiv id, e.g. ids=2401.06769,hep-th/9901001.");
        var distinct = parts.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > maxIds)
            return (null, $"A selection holds at most {maxIds} ids; this one has {distinct.Count}. Split it into several downloads.");

        var bad = distinct.Where(p => !ArxivId.TryParse(p, out _)).ToList();
        if (bad.Count > 0)
        {
            var named = string.Join(", ", bad.Take(5).Select(Shorten)) + (bad.Count > 5 ? $" and {bad.Count - 5} more" : "");
            return (null, $"Not arXiv ids: {named}. Use forms such as 2401.06769, 2401.06769v2 or hep-th/9901001.");
        }
        var normalised = distinct.Select(p => ArxivId.Normalize(p)!).Distinct(StringComparer.Ordinal).ToList();
        return (new SelectionRequest(normalised), null);
    }

    private static string Shorten(string s) => s.Length <= 30 ? $"'{s}'" : $"'{s[..30]}…'";
}
