using Microsoft.AspNetCore.OutputCaching;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// Named output-cache policies endpoints can attach with <c>.CacheOutput(OutputCachePolicies.Feeds)</c>.
/// The cache key is the full URL (path and every query value), so distinct searches never share an entry.
/// </summary>
public static class OutputCachePolicies
{
    /// <summary>Atom feeds: readers poll them; a new day appears at most a few times a day.</summary>
    public const string Feeds = "Feeds";

    /// <summary>Daily lists and other listing JSON: change only when a harvest lands.</summary>
    public const string Lists = "Lists";

    internal static void Configure(OutputCacheOptions o)
    {
        o.AddPolicy(Feeds, b => b.Expire(TimeSpan.FromMinutes(5)).Tag(Feeds));
        o.AddPolicy(Lists, b => b.Expire(TimeSpan.FromMinutes(1)).Tag(Lists));
        // /feed/* is cached even before its endpoints name a policy (they live in the UI's folder).
        o.AddBasePolicy(b => b.With(c => c.HttpContext.Request.Path.StartsWithSegments("/feed")).Expire(TimeSpan.FromMinutes(5)).Tag(Feeds));
    }
}
