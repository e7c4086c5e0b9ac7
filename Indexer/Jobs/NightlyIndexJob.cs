using Hangfire;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// One step of the nightly maintenance. Steps must be reentrant and skip work already done: a failed night is retried
/// from the first step, and a night may run twice (after the harvest and on its own schedule).
/// </summary>
public interface INightlyStep
{
    string Name { get; }

    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// <c>nightly-reindex</c>: the nightly work, in the order written in <see cref="Steps"/>. Started as a continuation of
/// every successful <see cref="HarvestJob"/>, and on its own schedule (<see cref="JobsOptions.ReindexCron"/>) for
/// instances that do not harvest; a second run finds nothing left to do. A failing step stops the night (later steps
/// depend on earlier ones) and Hangfire retries the job.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class NightlyIndexJob
{
    public const string Id = "nightly-reindex";

    private readonly ILogger<NightlyIndexJob> _logger;

    public NightlyIndexJob(
        IndexCatchUpStep catchUp, IndexMergeStep merge, EmbedNewPapersStep embed, RefitCompressionStep refit,
        ILogger<NightlyIndexJob> logger)
        : this(
        [
            catchUp, // 1. the index learns every store change it has not seen (imports, another process's harvest, a crash)
            merge,   // 2. then merges the day's small segments, so the night's searches and tomorrow's are fast
            embed,   // 3. embed the papers that lack a vector, newest first
            refit,   // 4. refit the compression on all vectors, which needs step 3 finished
        ], logger)
    { }

    /// <summary>For tests: any steps, run in the given order.</summary>
    internal NightlyIndexJob(IReadOnlyList<INightlyStep> steps, ILogger<NightlyIndexJob> logger)
    {
        Steps = steps;
        _logger = logger;
    }

    public IReadOnlyList<INightlyStep> Steps { get; }

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var step in Steps)
        {
            ct.ThrowIfCancellationRequested();
            var started = TimeProvider.System.GetTimestamp();
            _logger.LogInformation("Nightly step {Step} starting", step.Name);
            await step.RunAsync(ct);
            _logger.LogInformation("Nightly step {Step} done in {Seconds:0.0} s", step.Name, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
    }
}
