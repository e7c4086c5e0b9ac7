using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Indexer.Jobs;

/// <summary>Bound from section <c>Jobs</c>. Crons are UTC; an empty cron removes that recurring job.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Daily at 03:00 UTC: after arXiv's nightly announcement has settled.</summary>
    public string HarvestCron { get; set; } = "0 3 * * *";

    /// <summary>
    /// Daily at 04:30 UTC: the nightly job's own schedule, for instances that do not harvest. A successful harvest starts
    /// the night itself, as its continuation; the scheduled run after it then finds nothing to do.
    /// </summary>
    public string ReindexCron { get; set; } = "30 4 * * *";

    /// <summary>
    /// Hangfire workers in the job-running process. One keeps the embedded default polite; more let the nightly
    /// embedding run its id-range jobs side by side (the nightly job waits on one worker while the others embed).
    /// </summary>
    [Range(1, 64, ErrorMessage = "Jobs:Workers must be 1..64.")]
    public int Workers { get; set; } = 1;

    /// <summary>Papers per embedding job when the nightly step spreads the work over workers.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Jobs:EmbedRangeSize must be 1..10,000,000.")]
    public int EmbedRangeSize { get; set; } = 5000;

    /// <summary>
    /// Basic-auth credentials for the dashboard (/jobs). With both set, every request to it needs them, also from this
    /// machine (a reverse proxy on the same host makes every client look local).
    /// </summary>
    public string? DashboardUser { get; set; }
    public string? DashboardPassword { get; set; }

    /// <summary>
    /// The port of a second listener, bound to 127.0.0.1 only, that serves the dashboard without credentials: a proxy in
    /// front of the site's port never reaches it. On the site's port the dashboard needs the credentials above. 0: no such
    /// listener. Only the roles that run jobs (all, indexer) open it.
    /// </summary>
    [Range(0, 65535, ErrorMessage = "Jobs:LocalDashboardPort must be 0 (none) or a port 1..65535.")]
    public int LocalDashboardPort { get; set; } = 5001;

    /// <summary>Accept the dashboard's basic auth over plain HTTP from other machines (the password crosses the wire readable).</summary>
    public bool AllowBasicAuthOverHttp { get; set; }

    /// <summary>Wrong passwords a client may try per second; the next attempts in that second are refused unchecked (429).</summary>
    [Range(1, 1000, ErrorMessage = "Jobs:LoginFailuresPerSecond must be 1..1000.")]
    public int LoginFailuresPerSecond { get; set; } = 10;
}
