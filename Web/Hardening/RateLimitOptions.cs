namespace PaperSearch.Web.Hardening;

/// <summary>
/// Bound from "RateLimit": a token bucket per client address for /api and /feed. A client may send
/// <see cref="Burst"/> requests at once, then <see cref="TokensPerPeriod"/> per <see cref="PeriodSeconds"/>.
/// Behind a reverse proxy every client has the proxy's address unless forwarded headers are configured.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;
    public int Burst { get; set; } = 60;
    public int TokensPerPeriod { get; set; } = 20;
    public double PeriodSeconds { get; set; } = 1;

    /// <summary>Requests over the limit that wait for a token instead of getting a 429 at once.</summary>
    public int QueueLimit { get; set; }

    public string? Validate() =>
        Burst < 1 ? "RateLimit:Burst must be at least 1."
        : TokensPerPeriod < 1 ? "RateLimit:TokensPerPeriod must be at least 1."
        : PeriodSeconds is <= 0 or > 86_400 ? "RateLimit:PeriodSeconds must be from 0 (exclusive) to 86400."
        : QueueLimit < 0 ? "RateLimit:QueueLimit must not be negative."
        : null;
}
