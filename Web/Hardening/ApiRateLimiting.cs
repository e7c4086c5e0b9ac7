using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace PaperSearch.Web.Hardening;

/// <summary>One global limiter: a token bucket per client address on /api and /feed; pages and assets are not limited.</summary>
internal static class ApiRateLimiting
{
    public static bool IsLimitedPath(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/feed");

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions o)
    {
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.Burst,
            TokensPerPeriod = o.TokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(o.PeriodSeconds),
            QueueLimit = o.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            o.Enabled && IsLimitedPath(http.Request.Path)
                ? RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => bucket)
                : RateLimitPartition.GetNoLimiter("unlimited"));
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, ct) => RejectAsync(context, o, ct);
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions o, CancellationToken ct)
    {
        var http = context.HttpContext;
        // The token bucket knows when the next token comes; fall back to one period.
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(o.PeriodSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This address may send {o.Burst} requests at once and {o.TokensPerPeriod} per {o.PeriodSeconds:0.##} s after that. Retry after {seconds} s.",
            },
        });
    }
}
