namespace PaperSearch.Web.Hardening;

/// <summary>
/// Every absolute URL the site writes (Blazor's base address, Atom ids and links) is built from the request's Host.
/// A Host that is no valid authority (empty, over 255 characters, port 99999, broken punycode such as <c>xn--</c>) is
/// answered 400 here, before anything tries to build a URI from it and fails with a logged stack trace. With
/// <c>PaperSearch:PublicBaseUrl</c> set, its host replaces whatever the client sent.
/// </summary>
internal static class HostHeaderCheck
{
    private const int MaxHostLength = 255;

    /// <summary>Checks the Host header as sent (reading <c>Request.Host</c> decodes punycode and throws on a bad label).</summary>
    public static bool IsValid(string? raw)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxHostLength) return false;
        HostString host;
        try { host = HostString.FromUriComponent(raw); }
        catch (ArgumentException) { return false; }
        if (!Uri.TryCreate("http://" + host.ToUriComponent() + "/", UriKind.Absolute, out var uri) || uri.Host.Length == 0) return false;
        // A port that is not a number parses as no port; one given must be a number in range.
        var hasPortText = raw.LastIndexOf(':') is var colon and > 0 && colon > raw.LastIndexOf(']');
        return !hasPortText || host.Port is > 0 and <= 65535;
    }

    public static IApplicationBuilder UseHostHeaderCheck(this IApplicationBuilder app, Uri? publicBaseUrl) => app.Use((http, next) =>
    {
        if (publicBaseUrl is not null) http.Request.Host = HostString.FromUriComponent(publicBaseUrl);
        if (IsValid(http.Request.Headers.Host.ToString())) return next(http);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync("The Host header is not a valid host name and port (e.g. papers.example.org or localhost:5000).");
    });
}
