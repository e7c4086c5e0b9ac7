using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// The HTTP resilience pipeline for OAI requests: retry (outer) around a per-attempt timeout (inner).
/// Transient faults (network errors, timeouts, 5xx, 408, 429) are retried with exponential backoff and jitter;
/// a <c>Retry-After</c> (seconds or HTTP date) replaces the backoff, and one longer than
/// <see cref="HarvestOptions.MaxRetryAfter"/> is not retried at all, so <see cref="OaiClient"/> can stop with a clear error.
/// </summary>
internal static class OaiResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, HarvestOptions options, TimeProvider time)
    {
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = false, // our generator below does it, with the cap
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !(RetryAfter(args.Outcome.Result, time) > options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
            });
        }
        builder.AddTimeout(options.RequestTimeout);
    }

    /// <summary>The wait a 503 or 429 asks for, or null when it asks for none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null || response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
            return null;
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
