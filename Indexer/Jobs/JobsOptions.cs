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
    public int Workers { get; set; } = 1;

    /// <summary>Papers per embedding job when the nightly step spreads the work over workers.</summary>
    public int EmbedRangeSize { get; set; } = 5000;

    /// <summary>Remote dashboard access (basic auth) only when both are set; local requests are always allowed.</summary>
    public string? DashboardUser { get; set; }
    public string? DashboardPassword { get; set; }
}
