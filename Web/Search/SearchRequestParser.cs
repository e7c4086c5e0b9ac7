using System.Globalization;
using PaperSearch.Categories;
using PaperSearch.Indexer.Index;

namespace PaperSearch.Web.Search;

/// <summary>
/// Turns raw parameters (query string, CLI options, form fields) into a <see cref="SearchRequest"/>,
/// or into messages a person can act on: the one reading of a request, shared by REST, UI, feeds and CLI. The query
/// text and the category expression are parsed here, once; their bounds belong to their parsers.
/// </summary>
public static class SearchRequestParser
{
    public const int MaxPageSize = 100;
    /// <summary>Deep paging is a scraper's tool, not a reader's: page × size is capped at the index's window.</summary>
    public const int MaxResultWindow = SearchSnapshot.MaxWindow;

    /// <summary>The raw parameters, as strings so that every malformed value gets our message, not a framework 400.</summary>
    public sealed record Raw(string? Q, string? Cat, string? From, string? To, string? Sort, string? Mode, string? Page, string? Size);

    /// <param name="feed">A feed (a keyword alert): all free words required whatever the sort.</param>
    public static (SearchRequest? Request, Dictionary<string, string[]> Errors) Parse(Raw raw, SearchMode defaultMode, bool feed = false)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string key, string message) => errors[key] = [message];

        var q = raw.Q?.Trim() ?? "";
        ParsedQuery? query = null;
        if (q.Length == 0) Fail("q", "The query is empty. Type some words, a \"phrase\", an arXiv id, or a field such as ti:transformer.");
        else
        {
            try { query = PaperQuery.Parse(q); }
            catch (QuerySyntaxException e) { Fail("q", e.Message); }
        }

        if (!CategoryExpression.TryParse(raw.Cat, out var categories, out var catError)) Fail("cat", catError);

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
            Query = query!, Categories = categories!,
            From = from, To = to, Sort = sort, Mode = mode, Page = page, Size = size,
            Match = feed || sort == SearchSort.Date ? WordMatch.All : WordMatch.Any,
        }, errors);
    }

    internal static DateOnly? ParseDate(string? text, string name, Action<string, string> fail)
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
