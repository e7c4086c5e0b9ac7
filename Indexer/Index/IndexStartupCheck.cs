using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// On start: replays store changes the index missed (a crash between store commit and index commit), then
/// compares index and store (<see cref="PaperIndexWriter.CheckAsync"/>). A short catch-up (up to
/// <see cref="IndexOptions.StartupCatchUpLimit"/> changes) and the count comparison finish before start completes;
/// a longer catch-up (a new or lost index folder) and any repair (walking every id, or a rebuild) run in the
/// background while the index serves what it has, <see cref="Progress"/> says how far they are, and
/// <see cref="Completion"/> reports the outcome. On stop: a final commit.
/// </summary>
public sealed class IndexStartupCheck(PaperIndexWriter index, PaperStore store, IOptions<IndexOptions> options, ILogger<IndexStartupCheck> logger)
    : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task<IndexCheckResult>? _repair;
    private long _catchUpTarget;

    /// <summary>The startup check's outcome (after any repair). Faults if the check itself failed.</summary>
    public Task<IndexCheckResult> Completion => _repair ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>What the background work is doing, for readiness; null once it is done (or when there was none).</summary>
    public string? Progress
    {
        get
        {
            if (_repair is null || _repair.IsCompleted) return null;
            var target = Interlocked.Read(ref _catchUpTarget);
            var applied = index.AppliedSeq;
            return target > 0 && applied < target
                ? $"catching up with the store: Seq {applied:N0} of {target:N0} indexed ({100.0 * applied / target:F0}%); searches see what is indexed so far"
                : "checking the index against the store and repairing it; searches use the index as it is";
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var behind = await store.MaxSeqAsync(cancellationToken) - index.AppliedSeq;
        if (behind > options.Value.StartupCatchUpLimit)
        {
            Interlocked.Exchange(ref _catchUpTarget, index.AppliedSeq + behind);
            logger.LogWarning("Index check: the index is {Behind:N0} store changes behind (a new or lost index folder?); catching up in " +
                              "the background while the server answers. Papers become searchable as they are indexed.", behind);
            _repair = Task.Run(() => RepairAsync(reportOpenProblem: true, _stopping.Token), CancellationToken.None);
            return;
        }

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
        _repair = Task.Run(() => RepairAsync(reportOpenProblem: false, _stopping.Token), CancellationToken.None);
    }

    private async Task<IndexCheckResult> RepairAsync(bool reportOpenProblem, CancellationToken ct)
    {
        try
        {
            var done = await index.CheckAsync(repair: true, ct);
            if (reportOpenProblem && done.OpenProblem is { } broken) logger.LogWarning("Index check: {Problem}.", broken);
            var log = done.Consistent ? LogLevel.Warning : LogLevel.Error;
            var verdict = done.Consistent ? "" : " (still different: run `reindex`)";
            if (done.Repair == IndexRepair.None)
                logger.Log(log, "Index check in {Seconds:N1} s: {Finding}; now {Docs:N0} documents for {Live:N0} live papers{Verdict}.",
                    done.Elapsed.TotalSeconds, done.Finding, done.IndexDocs, done.StoreLive, verdict);
            else
                logger.Log(log, "Index repair ({Repair}) in {Seconds:N1} s: {Finding}; {Added:N0} documents indexed, {Removed:N0} removed; " +
                                "now {Docs:N0} documents for {Live:N0} live papers{Verdict}.",
                    done.Repair, done.Elapsed.TotalSeconds, done.Finding, done.Added, done.Removed, done.IndexDocs, done.StoreLive, verdict);
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
