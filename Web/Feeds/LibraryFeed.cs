using Microsoft.Extensions.Options;
using PaperSearch.Categories;
using PaperSearch.Indexer.Store;
using PaperSearch.Web.Library;
using PaperSearch.Web.Listings;

namespace PaperSearch.Web.Feeds;

/// <summary>
/// <c>/feed/library/{token}</c>: the last <c>Library:FeedDays</c> announcement days ranked for a saved library by the one
/// recommender (<see cref="RecommendService"/>), only the papers it is sure of (<c>Library:FeedMinMembership</c>), each
/// entry saying why. The token is a capability: any token that names no live library gets <see cref="UnknownLibrary"/>.
/// </summary>
public static class LibraryFeed
{
    /// <summary>Kept when no hit carries a membership (a model that has none): the best few, not a whole week.</summary>
    public const int EntriesWithoutMembership = 10;

    /// <summary>The feed's path relative to the site's base (no leading slash, so a path base is kept).</summary>
    public static string PathOf(string token) => "feed/library/" + token;

    internal static async Task<IResult> BuildAsync(HttpContext http, string token, PaperStore store, ListingService listings,
        RecommendService recommend, IOptionsMonitor<LibraryOptions> options, CancellationToken ct)
    {
        var library = await store.GetSavedLibraryAsync(SavedLibrary.HashToken(token), ct);
        if (library is null) return UnknownLibrary.Result(http);
        var o = options.CurrentValue;

        IReadOnlyList<FeedItem> items = [];
        // "New" is relative to the newest day the store has, not the clock: an instance that stopped harvesting still
        // shows its last week, and the daily lists agree on what the newest day is.
        if (listings.NewestDay(CategoryExpression.Everything) is { } newest)
        {
            CategoryExpression.TryParse(library.Categories, out var categories, out _);
            var result = await recommend.RecommendAsync(new RecommendRequest
            {
                Positives = library.Positives, Negatives = library.Negatives, K = o.FeedEntries,
                Categories = categories ?? CategoryExpression.Everything, From = newest.AddDays(1 - o.FeedDays), To = newest,
            }, ct);
            items = [.. Sure(result.Hits, o.FeedMinMembership).Select(h => FeedItem.From(h) with { Why = Why(h) })];
        }

        var name = library.Name ?? "your library";
        var feed = AtomFeed.Build($"PaperSearch: for {name}", $"New papers of the last {o.FeedDays} days ranked for {name}",
            FeedEndpoints.BaseUri(http), "/" + PathOf(token), "/library", items, DateTimeOffset.UtcNow);
        // Private: the URL is the reader's key, so shared caches should not keep copies; an hour matches how often a
        // new day can appear, and feed readers poll about that often anyway.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return TypedResults.Bytes(AtomFeed.Serialize(feed), AtomFeed.ContentType);
    }

    /// <summary>The hits the model is sure of; when none carries a membership, the best <see cref="EntriesWithoutMembership"/>.</summary>
    private static IEnumerable<Recommendation> Sure(IReadOnlyList<Recommendation> hits, double minMembership) =>
        hits.Any(h => h.Membership is not null)
            ? hits.Where(h => h.Membership >= minMembership)
            : hits.Take(EntriesWithoutMembership);

    /// <summary>"Because you saved: A, B; shared keywords: x, y, z": the entry's first line, before the abstract.</summary>
    internal static string Why(Recommendation hit)
    {
        var saved = hit.Because.Select(b => b.Title).Where(t => t.Length > 0).ToList();
        var keywords = string.Join(", ", hit.SharedTerms.Take(5));
        if (saved.Count == 0)
            return keywords.Length > 0 ? $"Because of your library's keywords: {keywords}" : "Because it ranks high for your library.";
        return "Because you saved: " + string.Join(", ", saved) + (keywords.Length > 0 ? "; shared keywords: " + keywords : "");
    }
}
