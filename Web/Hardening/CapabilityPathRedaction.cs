using Microsoft.AspNetCore.HttpLogging;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// Keeps saved-library tokens out of the access log: a token in <c>/feed/library/{token}</c> or
/// <c>/api/libraries/{token}</c> is the reader's only key, and a log line is read by more people than the reader.
/// The path is logged with the token replaced by <see cref="Mask"/>. (The hosting layer's own request scope, which
/// would carry the raw path into every line when scopes are printed, is switched off with <see cref="HostingCategory"/>
/// in <see cref="HardeningHosting.AddPaperSearchHardening"/>, so this interceptor writes the request id into every access
/// line instead.)
/// </summary>
internal sealed class CapabilityPathRedaction : IHttpLoggingInterceptor
{
    public const string Mask = "{token}";

    /// <summary>The category whose being enabled makes ASP.NET Core open a request scope holding the raw path.</summary>
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly PathString[] Prefixes = ["/feed/library", "/api/libraries"];

    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        // The request id used to come from the hosting scope, now off (see above): the access line carries it itself,
        // the same value as the X-Request-Id header.
        logContext.AddParameter("RequestId", logContext.HttpContext.TraceIdentifier);
        if (Redact(logContext.HttpContext.Request.Path) is { } masked && logContext.TryDisable(HttpLoggingFields.RequestPath))
            logContext.AddParameter(nameof(HttpRequest.Path), masked);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;

    /// <summary>The path with its token masked, or null when it carries none.</summary>
    public static string? Redact(PathString path)
    {
        foreach (var prefix in Prefixes)
            if (path.StartsWithSegments(prefix, out var rest) && rest.HasValue && rest.Value != "/")
                return prefix + "/" + Mask;
        return null;
    }
}
