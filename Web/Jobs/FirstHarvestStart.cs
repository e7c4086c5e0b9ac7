using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Jobs;

/// <summary>
/// A new instance should not wait for 03:00 UTC: when the process that runs the recurring jobs starts over a store with
/// no papers, and it harvests on a schedule (<c>Jobs:HarvestCron</c>), it queues one run of <c>harvest-arxiv</c> now for
/// the last <c>Harvest:FirstRunDays</c> days (<see cref="FirstHarvest.StartOnce"/>, once per instance). Runs at start,
/// after the store's migration (hosted services start in the order they were added), before the server listens: when
/// the site answers its first request the decision is made.
/// </summary>
internal sealed class FirstHarvestStart(
    PaperStore store, FirstHarvest first, IOptions<HarvestOptions> harvest, IOptions<JobsOptions> jobs, ILogger<FirstHarvestStart> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var h = harvest.Value;
        if (h.FirstRunDays == 0 || string.IsNullOrWhiteSpace(jobs.Value.HarvestCron)) return;
        if (await store.CountAsync(cancellationToken) > 0) return;
        var (state, queued) = first.StartOnce(h.FirstRunDays, h.EffectiveSets);
        if (queued)
            logger.LogInformation("The store is empty: first harvest of the last {Days} days of {Sets} (from {From}) queued as job {Job}; the schedule ({Cron}) takes over after it",
                state.Days, string.Join(", ", state.Sets), state.From, state.JobId, jobs.Value.HarvestCron);
        else
            logger.LogInformation("The store is empty; the first harvest (job {Job}) is already {State}", state.JobId, state.State?.ToLowerInvariant());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
