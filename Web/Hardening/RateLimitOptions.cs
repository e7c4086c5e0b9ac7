using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// Bound from "RateLimit": token buckets per client address, one per kind of request, so a client flooding one kind
/// never spends another's budget. A client may send a bucket's burst at once, then its tokens per
/// <see cref="PeriodSeconds"/>: the REST API and feeds (<see cref="Burst"/>, <see cref="TokensPerPeriod"/>), HTML pages
/// (<see cref="PageBurst"/>, <see cref="PageTokensPerPeriod"/>), and the pages that count the whole store
/// (<c>/status</c>, <c>/health/ready</c>: <see cref="StatusBurst"/>, <see cref="StatusTokensPerPeriod"/>). Static assets
/// and liveness (<c>/health</c>) are not limited. Saving a library has its own hourly budget (<see cref="SaveLibraryPerHour"/>). Behind a reverse proxy every client has the proxy's address unless
/// the proxy is trusted (<see cref="ProxyOptions"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:Burst must be at least 1.")]
    public int Burst { get; set; } = 60;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:TokensPerPeriod must be at least 1.")]
    public int TokensPerPeriod { get; set; } = 20;

    /// <summary>A person reads a page for seconds; 30 at once covers opening a dozen tabs, 5 a second any browsing.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimit:PageBurst must be at least 1.")]
    public int PageBurst { get; set; } = 30;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:PageTokensPerPeriod must be at least 1.")]
    public int PageTokensPerPeriod { get; set; } = 5;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:StatusBurst must be at least 1.")]
    public int StatusBurst { get; set; } = 10;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:StatusTokensPerPeriod must be at least 1.")]
    public int StatusTokensPerPeriod { get; set; } = 1;

    [Range(0.001, 86_400, ErrorMessage = "RateLimit:PeriodSeconds must be from 0 (exclusive) to 86400.")]
    public double PeriodSeconds { get; set; } = 1;

    /// <summary>Requests over the limit that wait for a token instead of getting a 429 at once.</summary>
    [Range(0, 10_000, ErrorMessage = "RateLimit:QueueLimit must not be negative.")]
    public int QueueLimit { get; set; }

    /// <summary>
    /// Libraries a client may save or update per hour (<c>POST</c>/<c>PUT /api/libraries</c>, the
    /// <see cref="SaveLibraryRateLimit.Policy"/> policy, on top of the API budget). Each save writes a row that stays, so
    /// the budget is per hour, not per second: a reader saves a library now and then, a script filling the store does not
    /// get far.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimit:SaveLibraryPerHour must be at least 1.")]
    public int SaveLibraryPerHour { get; set; } = 20;
}
