using System.Globalization;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Harvest;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// Recurring <c>harvest-arxiv</c>: runs <see cref="Harvester"/> with the configured endpoint and sets, then leaves the
/// nightly work (<see cref="NightlyIndexJob"/>) as its continuation, which Hangfire starts once this job has succeeded:
/// after the last retry of a failing harvest, never beside it. No arguments (Hangfire stores only the method; it fills
/// in the context), reentrant: a retry or a run after a crash resumes from the stored checkpoint.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
[AutomaticRetry(Attempts = 3, DelaysInSeconds = [600, 1800, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class HarvestJob(Harvester harvester, IBackgroundJobClient jobs, FirstHarvest first, ILogger<HarvestJob> logger)
{
    public const string Id = "harvest-arxiv";

    /// <param name="context">Filled in by Hangfire (enqueue with <c>null</c>); without one (a direct call) the nightly job is enqueued at once.</param>
    /// <param name="ct">Hangfire passes its shutdown token here; a cancelled run keeps its committed pages.</param>
    /// <returns>The id of the nightly job that follows.</returns>
    public Task<string> RunAsync(PerformContext? context, CancellationToken ct) =>
        RunAsync(new HarvestRequest(), new LoggingProgress(logger), context, ct);

    /// <summary>
    /// A new instance's first harvest (<see cref="FirstHarvest"/>): the same run, except that a set without a checkpoint
    /// starts at <paramref name="initialFrom"/> (yyyy-MM-dd, fixed when it was queued) instead of
    /// <c>Harvest:InitialFrom</c>, and each page's progress is recorded for the pages to show. A retry resumes from the
    /// checkpoint like any run, and once it has finished the schedule continues from that checkpoint. Same method name
    /// on purpose: <see cref="DisableConcurrentExecutionAttribute"/> locks on the job's type and method name, so the
    /// first run and a scheduled one never overlap.
    /// </summary>
    public Task<string> RunAsync(string initialFrom, PerformContext? context, CancellationToken ct) =>
        RunAsync(new HarvestRequest { InitialFrom = DateOnly.ParseExact(initialFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture) },
            new FirstRunProgress(logger, first), context, ct);

    private async Task<string> RunAsync(HarvestRequest request, IProgress<HarvestProgress> progress, PerformContext? context, CancellationToken ct)
    {
        var result = await harvester.RunAsync(request, progress, ct);
        logger.LogInformation("Harvest finished: {Added} added, {Updated} updated, {Deleted} deleted, {Rejected} rejected",
            result.Added, result.Updated, result.Deleted, result.Rejected);
        // Only reached by a harvest that finished: a failed attempt throws above and leaves no continuation behind.
        return context is null
            ? jobs.Enqueue<NightlyIndexJob>(j => j.RunAsync(CancellationToken.None))
            : jobs.ContinueJobWith<NightlyIndexJob>(context.BackgroundJob.Id, j => j.RunAsync(CancellationToken.None));
    }

    /// <summary>Synchronous on purpose: <see cref="Progress{T}"/> would post reports to the thread pool out of order.</summary>
    private class LoggingProgress(ILogger logger) : IProgress<HarvestProgress>
    {
        public virtual void Report(HarvestProgress p) =>
            logger.LogInformation("{Set}: page {Pages} committed ({Added} added, {Updated} updated){Message}",
                p.Set, p.Pages, p.Added, p.Updated, p.Message is null ? "" : "; " + p.Message);
    }

    /// <summary>Logs, and records the totals over all sets so far (a report's counts are its set's).</summary>
    private sealed class FirstRunProgress(ILogger logger, FirstHarvest first) : LoggingProgress(logger)
    {
        private readonly Dictionary<string, (int Added, int Pages)> _sets = new(StringComparer.Ordinal);

        public override void Report(HarvestProgress p)
        {
            base.Report(p);
            _sets[p.Set] = (p.Added, p.Pages);
            first.Report(_sets.Values.Sum(s => s.Added), _sets.Values.Sum(s => s.Pages), p);
        }
    }
}
