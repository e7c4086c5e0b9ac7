using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// Nightly: embed what the harvest added, newest first (a no-op without a model or with nothing missing). A day's few
/// thousand papers, or a server with no spare worker, are embedded right here. A large backlog is cut into id ranges of
/// <see cref="JobsOptions.EmbedRangeSize"/>, one <see cref="EmbedRangeJob"/> each on the <c>embed</c> queue, enqueued
/// newest range first, which any free worker of this process or of a <c>worker</c>-role process takes;
/// this step waits for all of them, so the refit that follows sees every vector.
/// </summary>
public sealed class EmbedNewPapersStep(
    EmbeddingPipeline pipeline, IEmbedder embedder, IBackgroundJobClient jobs, JobStorage storage,
    IOptions<JobsOptions> options, ILogger<EmbedNewPapersStep> logger) : INightlyStep
{
    internal static TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(2);

    private static readonly HashSet<string> Final = [SucceededState.StateName, DeletedState.StateName, FailedState.StateName];

    public string Name => "embed-new-papers";

    public async Task RunAsync(CancellationToken ct)
    {
        if (!embedder.IsAvailable) return;
        var ranges = await pipeline.PlanRangesAsync(options.Value.EmbedRangeSize, ct);
        // Workers that take range jobs: this process's and any `worker` role's (servers listening to the embed queue).
        // This step occupies one of them while it waits: fan out only when others can take the ranges.
        var spareWorkers = storage.GetMonitoringApi().Servers()
            .Where(s => s.Queues.Contains(EmbedRangeJob.Queue, StringComparer.OrdinalIgnoreCase)).Sum(s => s.WorkersCount) - 1;
        if (ranges.Count <= 1 || spareWorkers < 1)
        {
            await pipeline.RunAsync(ct: ct);
            return;
        }
        var ids = ranges.Select(r => jobs.Enqueue<EmbedRangeJob>(j => j.RunAsync(r.From, r.To, CancellationToken.None))).ToList();
        logger.LogInformation("Embedding spread over {Jobs} range jobs for {Workers} spare workers", ids.Count, spareWorkers);
        await WaitForAsync(ids, ct);
    }

    /// <summary>Polls until every job is final; failed ones (retries exhausted) fail the night, which Hangfire retries.</summary>
    private async Task WaitForAsync(List<string> ids, CancellationToken ct)
    {
        using var connection = storage.GetConnection();
        var failed = 0;
        while (ids.Count > 0)
        {
            await Task.Delay(Poll, ct);
            var states = ids.Select(id => (Id: id, State: connection.GetStateData(id)?.Name)).ToList();
            failed += states.Count(s => s.State == FailedState.StateName);
            // No state at all: the job expired or was removed from the storage; nothing left to wait for.
            ids = [.. states.Where(s => s.State is not null && !Final.Contains(s.State)).Select(s => s.Id)];
        }
        if (failed > 0)
            throw new InvalidOperationException($"{failed} embedding range job(s) failed (see /jobs); the nightly retry embeds what is still missing.");
    }
}
