using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace PaperSearch.Web.Hardening;

/// <summary>The budget a request is charged to (see <see cref="RateLimitOptions"/>).</summary>
internal enum RequestBudget { None, Api, Pages, Status }

/// <summary>One global limiter: a token bucket per client address and <see cref="RequestBudget"/>.</summary>
internal static class ClientRateLimiting
{
    // Files the browser fetches for every page: limiting them would only break pages that were allowed.
    private static readonly string[] StaticPrefixes = ["/_framework", "/_content", "/css", "/js", "/icons", "/lib", "/favicon.ico"];

    public static RequestBudget BudgetOf(PathString path)
    {
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/feed") || path.StartsWithSegments("/openapi")) return RequestBudget.Api;
        if (path.StartsWithSegments("/status") || path.StartsWithSegments(HardeningHosting.ReadinessPath)) return RequestBudget.Status;
        if (path.StartsWithSegments("/health")) return RequestBudget.None;
        if (StaticPrefixes.Any(p => path.StartsWithSegments(p))) return RequestBudget.None;
        // The app's bundled styles (e.g. /PaperSearch.Web.styles.css) sit at the root.
        var value = path.Value ?? "";
        if (value.LastIndexOf('/') == 0 && (value.EndsWith(".css", StringComparison.Ordinal) || value.EndsWith(".js", StringComparison.Ordinal)))
            return RequestBudget.None;
        return RequestBudget.Pages;
    }

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions o)
    {
        var buckets = new Dictionary<RequestBudget, TokenBucketRateLimiterOptions>
        {
            [RequestBudget.Api] = Bucket(o, o.Burst, o.TokensPerPeriod),
            [RequestBudget.Pages] = Bucket(o, o.PageBurst, o.PageTokensPerPeriod),
            [RequestBudget.Status] = Bucket(o, o.StatusBurst, o.StatusTokensPerPeriod),
        };
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var budget = o.Enabled ? BudgetOf(http.Request.Path) : RequestBudget.None;
            if (budget == RequestBudget.None) return RateLimitPartition.GetNoLimiter("unlimited");
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetTokenBucketLimiter($"{budget}|{client}", _ => buckets[budget]);
        });
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, ct) => RejectAsync(context, o, buckets);
        limiter.AddPolicy(SaveLibraryRateLimit.Policy, new SaveLibraryRateLimit(o));
    }

    private static TokenBucketRateLimiterOptions Bucket(RateLimitOptions o, int burst, int tokens) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = tokens,
        ReplenishmentPeriod = TimeSpan.FromSeconds(o.PeriodSeconds),
        QueueLimit = o.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions o, Dictionary<RequestBudget, TokenBucketRateLimiterOptions> buckets)
    {
        var http = context.HttpContext;
        var budget = BudgetOf(http.Request.Path);
        var bucket = buckets[budget];
        // The token bucket knows when the next token comes; fall back to one period.
        var seconds = RetryAfterSeconds(context, TimeSpan.FromSeconds(o.PeriodSeconds));
        var what = budget switch { RequestBudget.Api => "API and feed", RequestBudget.Status => "status", _ => "page" };
        var detail = $"This address may send {bucket.TokenLimit} {what} requests at once and {bucket.TokensPerPeriod} per {o.PeriodSeconds:0.##} s " +
                     $"after that. Retry after {seconds} s.";
        if (budget != RequestBudget.Api && !http.Request.Path.StartsWithSegments("/health"))
        {
            // A person in a browser: a sentence, not a JSON document.
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("Too many requests. " + detail, http.RequestAborted);
            return;
        }
        await WriteProblemAsync(http, detail);
    }

    /// <summary>Sets the 429 and its Retry-After from the lease (the limiter knows when the next permit comes); returns the seconds.</summary>
    internal static int RetryAfterSeconds(OnRejectedContext context, TimeSpan fallback)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : fallback;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    internal static Task WriteProblemAsync(HttpContext http, string detail) =>
        http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = detail },
        }).AsTask();
}
