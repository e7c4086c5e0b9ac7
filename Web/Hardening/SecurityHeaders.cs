namespace PaperSearch.Web.Hardening;

/// <summary>
/// Headers every response carries. The pages are server-rendered and load only same-origin scripts and styles,
/// so the CSP allows 'self' plus a per-request nonce (for Blazor's inline import map:
/// <c>&lt;ImportMap nonce="@SecurityHeaders.NonceOf(HttpContext)" /&gt;</c>); the job dashboard (Hangfire's own inline
/// scripts and styles) gets a looser policy.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "PaperSearch.CspNonce";

    /// <summary>The policy for pages and API answers; <c>{0}</c> is the request's nonce.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The nonce an inline &lt;script&gt; on this response must carry to run (base64, 128 bits, new per request).</summary>
    public static string NonceOf(HttpContext http)
    {
        if (http.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce) return nonce;
        nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    // Deviation from the strict policy: Hangfire's dashboard renders inline <script>/<style>; it is local/admin only.
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>No powerful browser feature is used by any page; FLoC-style cohorts off too.</summary>
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=(), browsing-topics=()";

    internal static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string dashboardPath) => app.Use((http, next) =>
    {
        // Decided now: by the time the response starts, the dashboard has moved its prefix into PathBase.
        var policy = http.Request.Path.StartsWithSegments(dashboardPath)
            ? DashboardPolicy
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, ContentSecurityPolicy, NonceOf(http));
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = PermissionsPolicy;
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // A 304 revalidates the browser's stored page, whose inline scripts carry the nonce of its own policy: a new
            // policy (new nonce) in the 304 would replace that one and block them.
            if (http.Response.StatusCode != StatusCodes.Status304NotModified) h.ContentSecurityPolicy = policy;
            // Lets a user quote the id that is in the server's log lines for their request.
            h["X-Request-Id"] = http.TraceIdentifier;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
