namespace PaperSearch.Web.Hardening;

/// <summary>
/// Headers every response carries. The pages are server-rendered and load only same-origin scripts and styles,
/// so the CSP allows 'self' alone; the job dashboard (Hangfire's own inline scripts and styles) gets a looser one.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Deviation from the strict policy: Hangfire's dashboard renders inline <script>/<style>; it is local/admin only.
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string dashboardPath) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(dashboardPath) ? DashboardPolicy : ContentSecurityPolicy;
            // Lets a user quote the id that is in the server's log lines for their request.
            h["X-Request-Id"] = http.TraceIdentifier;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
