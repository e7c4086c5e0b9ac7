using Microsoft.AspNetCore.OutputCaching;
using PaperSearch.Indexer.Index;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// Named output-cache policies endpoints can attach with <c>.CacheOutput(OutputCachePolicies.Feeds)</c>.
/// The cache key is the full URL (path and every query value), so distinct searches never share an entry, and the
/// index's <see cref="PaperSearcher.SearcherVersion"/>: a harvest, import or replica refresh starts fresh entries at
/// once, so a cached answer is never older than what a search would show. The expiry only bounds memory.
/// </summary>
public static class OutputCachePolicies
{
    /// <summary>Atom feeds: readers poll them; a new day appears at most a few times a day.</summary>
    public const string Feeds = "Feeds";

    /// <summary>Daily lists as JSON: change only when a harvest lands.</summary>
    public const string Lists = "Lists";

    private const string LibraryFeedPath = "/feed/library";

    internal static void Configure(OutputCacheOptions o)
    {
        o.AddPolicy(Feeds, b => b.Expire(TimeSpan.FromMinutes(5)).VaryByValue(IndexVersion).Tag(Feeds));
        o.AddPolicy(Lists, b => b.Expire(TimeSpan.FromMinutes(5)).VaryByValue(IndexVersion).Tag(Lists));
        // /feed/* is cached even before its endpoints name a policy (they live in the UI's folder). Not a library's feed:
        // an update or a revocation must show at once, and its URL is a secret not worth keeping in memory.
        o.AddBasePolicy(b => b.With(c => c.HttpContext.Request.Path.StartsWithSegments("/feed")
                                         && !c.HttpContext.Request.Path.StartsWithSegments(LibraryFeedPath))
            .Expire(TimeSpan.FromMinutes(5)).VaryByValue(IndexVersion).Tag(Feeds));
    }

    private static KeyValuePair<string, string> IndexVersion(HttpContext http) =>
        new("index", http.RequestServices.GetRequiredService<PaperSearcher>().SearcherVersion());
}
