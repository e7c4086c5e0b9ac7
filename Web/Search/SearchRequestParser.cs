using System.Globalization;
using PaperSearch.Categories;

namespace PaperSearch.Web.Search;

/// <summary>
/// Turns raw parameters (query string, CLI options, form fields) into a <see cref="SearchRequest"/>,
/// or into messages a person can act on. One home for every bound, shared by REST, UI and CLI.
/// </summary>
public static class SearchRequestParser
{
    public const int MaxQueryLength = 1000;
    public const int MaxPageSize = 100;
    /// <summary>Deep paging is a scraper's tool, not a reader's: page × size is capped.</summary>
    public const int MaxResultWindow = 10_000;

    public sealed record Raw(string? Q, string? Cat, string? From, string? To, string? Sort, string? Mode, string? Page, string? Size);

    public static (SearchRequest? Request, Dictionary<string, string[]> Errors) Parse(Raw raw, SearchMode defaultMode)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string key, string message) => errors[key] = [message];

        var q = raw.Q?.Trim() ?? "";
        if (q.Length == 0) Fail("q", "The query is empty. Type some words, a \"phrase\", an arXiv id, or a field such as ti:transformer.");
        else if (q.Length > MaxQueryLength) Fail("q", $"The query is {q.Length:N0} characters long; the limit is {MaxQueryLength:N0}. Shorten it to the words that matter.");

        if (!CategoryExpression.TryParse(raw.Cat, out _, out var catError)) Fail("cat", catError);

        var from = ParseDate(raw.From, "from", Fail);
        var to = ParseDate(raw.To, "to", Fail);
        if (from is { } f && to is { } t && f > t) Fail("to", $"The date range is empty: from {f:yyyy-MM-dd} is after to {t:yyyy-MM-dd}.");

        var sort = SearchSort.Relevance;
        if (!string.IsNullOrWhiteSpace(raw.Sort) && !Enum.TryParse(raw.Sort.Trim(), ignoreCase: true, out sort) || !Enum.IsDefined(sort))
            Fail("sort", $"Unknown sort '{raw.Sort}'. Use relevance or date.");

        var mode = defaultMode;
        if (!string.IsNullOrWhiteSpace(raw.Mode) && (!Enum.TryParse(raw.Mode.Trim(), ignoreCase: true, out mode) || !Enum.IsDefined(mode) || int.TryParse(raw.Mode, out _)))
            Fail("mode", $"Unknown mode '{raw.Mode}'. Use hybrid, bm25 or semantic.");

        var page = ParseInt(raw.Page, "page", 1, 1, MaxResultWindow, Fail);
        var size = ParseInt(raw.Size, "size", 20, 1, MaxPageSize, Fail);
        if (!errors.ContainsKey("page") && !errors.ContainsKey("size") && (long)page * size > MaxResultWindow)
            Fail("page", $"Results are available up to position {MaxResultWindow:N0}; page {page} of size {size} is beyond that. Refine the query instead.");

        if (errors.Count > 0) return (null, errors);
        return (new SearchRequest
        {
            Query = q, Categories = string.IsNullOrWhiteSpace(raw.Cat) ? null : raw.Cat.Trim(),
            From = from, To = to, Sort = sort, Mode = mode, Page = page, Size = size,
        }, errors);
    }

    private static DateOnly? ParseDate(string? text, string name, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 1991 and <= 2200)
            return d;
        fail(name, $"'{text}' is not a date; write it as YYYY-MM-DD (e.g. 2025-03-18).");
        return null;
    }

    private static int ParseInt(string? text, string name, int fallback, int min, int max, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            fail(name, $"{name} must be a whole number from {min} to {max:N0}; got '{Truncate(text)}'.");
            return fallback;
        }
        return v;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>All messages on one line, for a problem's <c>detail</c> and for the CLI.</summary>
    public static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(e => e.Value));
}
