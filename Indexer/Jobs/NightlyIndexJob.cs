using Hangfire;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// One step of the nightly maintenance (index catch-up and merge, embedding new papers, refitting the compression).
/// Steps must be reentrant: a failed night is retried from the first step.
/// </summary>
public interface INightlyStep
{
    /// <summary>Steps run in ascending order (e.g. index 100, embed 200, refit 300).</summary>
    int Order { get; }

    string Name { get; }

    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// Recurring <c>nightly-reindex</c>: runs every registered <see cref="INightlyStep"/> in <see cref="INightlyStep.Order"/>.
/// A failing step stops the night (later steps depend on earlier ones) and Hangfire retries the job.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class NightlyIndexJob(IEnumerable<INightlyStep> steps, ILogger<NightlyIndexJob> logger)
{
    public const string Id = "nightly-reindex";

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var step in steps.OrderBy(s => s.Order))
        {
            ct.ThrowIfCancellationRequested();
            var started = TimeProvider.System.GetTimestamp();
            logger.LogInformation("Nightly step {Step} starting", step.Name);
            await step.RunAsync(ct);
            logger.LogInformation("Nightly step {Step} done in {Seconds:0.0} s", step.Name, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
    }
}
