namespace PaperSearch.Web.Hardening;

/// <summary>
/// HEAD answered wherever GET is (pages, feeds, API): link checkers, feed readers and <c>curl -I</c> send it, and
/// routing maps GET only. The request runs as the GET it asks about; its body is discarded here, so the headers
/// (status, type, ETag, caching) are exactly the GET's.
/// </summary>
internal static class HeadAsGet
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!HttpMethods.IsHead(http.Request.Method)) { await next(http); return; }
        http.Request.Method = HttpMethods.Get;
        var body = http.Response.Body;
        http.Response.Body = Stream.Null;
        try { await next(http); }
        finally
        {
            http.Response.Body = body;
            http.Request.Method = HttpMethods.Head;
        }
    });
}
