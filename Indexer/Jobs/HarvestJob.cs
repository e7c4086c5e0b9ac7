using Hangfire;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Harvest;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// Recurring <c>harvest-arxiv</c>: runs <see cref="Harvester"/> with the configured endpoint and sets. No arguments
/// (Hangfire stores only the method), reentrant: a retry or a run after a crash resumes from the stored checkpoint.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
[AutomaticRetry(Attempts = 3, DelaysInSeconds = [600, 1800, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class HarvestJob(Harvester harvester, ILogger<HarvestJob> logger)
{
    public const string Id = "harvest-arxiv";

    /// <param name="ct">Hangfire passes its shutdown token here; a cancelled run keeps its committed pages.</param>
    public async Task RunAsync(CancellationToken ct)
    {
        var result = await harvester.RunAsync(new HarvestRequest(), new LoggingProgress(logger), ct);
        logger.LogInformation("Harvest finished: {Added} added, {Updated} updated, {Deleted} deleted, {Rejected} rejected",
            result.Added, result.Updated, result.Deleted, result.Rejected);
    }

    /// <summary>Synchronous on purpose: <see cref="Progress{T}"/> would post reports to the thread pool out of order.</summary>
    private sealed class LoggingProgress(ILogger logger) : IProgress<HarvestProgress>
    {
        public void Report(HarvestProgress p) =>
            logger.LogInformation("{Set}: page {Pages} committed ({Added} added, {Updated} updated){Message}",
                p.Set, p.Pages, p.Added, p.Updated, p.Message is null ? "" : "; " + p.Message);
    }
}
