using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// The named policy on saving and updating a library (<c>.RequireRateLimiting(SaveLibraryRateLimit.Policy)</c>): a token
/// bucket per client address holding <see cref="RateLimitOptions.SaveLibraryPerHour"/> saves, refilled one at a time over
/// the hour. It applies on top of the global API budget, and answers its own 429 so the message names this budget.
/// </summary>
internal sealed class SaveLibraryRateLimit(RateLimitOptions o) : IRateLimiterPolicy<string>
{
    public const string Policy = "SaveLibrary";

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        if (!o.Enabled) return RateLimitPartition.GetNoLimiter("unlimited");
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.SaveLibraryPerHour,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = Hour / o.SaveLibraryPerHour,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var seconds = ClientRateLimiting.RetryAfterSeconds(context, Hour / o.SaveLibraryPerHour);
        await ClientRateLimiting.WriteProblemAsync(context.HttpContext,
            $"This address may save or update {o.SaveLibraryPerHour} libraries per hour. Retry after {seconds} s.");
    };
}
