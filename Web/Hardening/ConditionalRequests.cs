using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using PaperSearch.Indexer.Index;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// ETag, Last-Modified and 304 for the feeds and the daily-list pages, so a feed reader polling every few minutes
/// downloads a day (hundreds of KB) only when it changed. What they show is a function of the URL and the index's
/// version (a harvest, import or replica refresh makes a new one), plus, for a page, what varies it (the
/// JavaScript cookie, the language: Accept-Language and the culture cookie, the reader's TL;DR setting) and the new-instance banner's state (a first
/// harvest that ends without a new index version must not leave "harvesting…" frozen in a revalidated page); the tag is a
/// hash of those, so a 304 is answered before any work is done.
/// Last-Modified is when this process first served the current index version.
/// </summary>
internal static class ConditionalRequests
{
    private static readonly Lock Gate = new();
    private static (string Version, DateTimeOffset Seen) _current;

    public static bool Applies(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && (http.Request.Path.StartsWithSegments("/feed") || http.Request.Path.StartsWithSegments("/list"));

    public static IApplicationBuilder UseConditionalRequests(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!Applies(http)) { await next(http); return; }
        // The banner's state counts as part of the version, for the tag and for Last-Modified alike.
        var version = http.RequestServices.GetRequiredService<PaperSearcher>().SearcherVersion()
            + (http.RequestServices.GetService<Status.InstanceNotice>()?.Current().Version is { Length: > 0 } notice ? "|" + notice : "");
        var tag = new EntityTagHeaderValue($"\"{Hash(http, version)}\"", isWeak: true);
        var modified = FirstSeen(version);
        var request = http.Request.GetTypedHeaders();
        var unchanged = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(t => t.Compare(tag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any))
            : request.IfModifiedSince is { } since && since >= modified;
        if (unchanged)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            SetValidators(http, tag, modified);
            return;
        }
        // Only a successful answer is the representation the tag names; an error must never be revalidated as it.
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode == StatusCodes.Status200OK) SetValidators(http, tag, modified);
            return Task.CompletedTask;
        });
        await next(http);
    });

    private static void SetValidators(HttpContext http, EntityTagHeaderValue tag, DateTimeOffset modified)
    {
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.LastModified = modified;
        // Without Cache-Control a browser may reuse the page unasked for a while (heuristic freshness from Last-Modified),
        // e.g. the old language after the switch sets its cookie: "no-cache" makes it ask every time (a cheap 304).
        // An endpoint's own policy (a saved library's feed) stays.
        if (string.IsNullOrEmpty(http.Response.Headers.CacheControl)) http.Response.Headers.CacheControl = "no-cache";
    }

    private static string Hash(HttpContext http, string version)
    {
        var r = http.Request;
        var key = string.Join('\n', version, r.Path.Value, r.QueryString.Value, r.Headers.AcceptLanguage.ToString(),
            r.Cookies[Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName] ?? "",
            r.Cookies.ContainsKey(Components.Query.SearchResults.JsCookie) ? "js" : "", Settings.TldrSetting.KeyOf(r));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
    }

    private static DateTimeOffset FirstSeen(string version)
    {
        lock (Gate)
        {
            if (_current.Version != version)
            {
                // HTTP dates have whole seconds: truncate, so If-Modified-Since compares equal.
                var now = DateTimeOffset.UtcNow;
                _current = (version, new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));
            }
            return _current.Seen;
        }
    }
}
