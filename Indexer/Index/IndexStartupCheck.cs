using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// On start: replays store changes the index missed (a crash between store commit and index commit), then
/// compares index and store (<see cref="PaperIndex.CheckAsync"/>). The catch-up and the count comparison finish
/// before start completes; a repair (walking every id, or a rebuild) runs in the background while the index
/// serves what it has, and <see cref="Completion"/> reports its outcome. On stop: a final commit.
/// </summary>
public sealed class IndexStartupCheck(PaperIndex index, ILogger<IndexStartupCheck> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task<IndexCheckResult>? _repair;

    /// <summary>The startup check's outcome (after any repair). Faults if the check itself failed.</summary>
    public Task<IndexCheckResult> Completion => _repair ?? throw new InvalidOperationException("The host has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var found = await index.CheckAsync(repair: false, cancellationToken);
        if (found.OpenProblem is { } broken)
            logger.LogWarning("Index check: {Problem}.", broken);
        if (found.Consistent && found.IndexSeq <= found.StoreSeq)
        {
            logger.LogInformation("Index check: {Docs:N0} documents for {Live:N0} live papers, Seq {Seq:N0}: {Finding}.",
                found.IndexDocs, found.StoreLive, found.StoreSeq, found.Finding);
            _repair = Task.FromResult(found);
            return;
        }
        logger.LogWarning("Index check: {Finding}; repairing in the background while the current index serves.", found.Finding);
        _repair = Task.Run(() => RepairAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task<IndexCheckResult> RepairAsync(CancellationToken ct)
    {
        try
        {
            var done = await index.CheckAsync(repair: true, ct);
            var log = done.Consistent ? LogLevel.Warning : LogLevel.Error;
            logger.Log(log, "Index repair ({Repair}) in {Seconds:N1} s: {Added:N0} documents indexed, {Removed:N0} removed; " +
                            "now {Docs:N0} documents for {Live:N0} live papers{Verdict}.",
                done.Repair, done.Elapsed.TotalSeconds, done.Added, done.Removed, done.IndexDocs, done.StoreLive,
                done.Consistent ? "" : " (still different: run `reindex`)");
            return done;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Index repair failed; searches use the index as it is. Run `reindex` to rebuild it.");
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_repair is not null)
            try { await _repair.WaitAsync(cancellationToken); }
            catch (Exception) when (_repair.IsCompleted || cancellationToken.IsCancellationRequested) { /* logged by RepairAsync */ }
        await index.CommitAsync(cancellationToken);
    }
}
