using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// A <c>web</c> replica with <c>Index:Source=store</c>: keeps its own index under its own data dir as a view of the
/// store, with no folder shared with the indexer. On start it replays every store change after the Seq its last commit
/// recorded (all of them for a new or lost index folder: a build from the store), through the same idempotent
/// catch-up the indexer uses (<see cref="PaperIndexWriter.CatchUpAsync"/>); then every
/// <see cref="IndexOptions.RefreshSeconds"/> it replays what is new (harvests, imports, deletions, summaries) and
/// commits. A start at most <see cref="IndexOptions.StartupCatchUpLimit"/> changes behind finishes before the server
/// listens; further behind, the build runs while the server answers what is indexed so far and
/// <see cref="Progress"/> (readiness: Degraded) says how far it is. It only reads the store.
/// </summary>
public sealed class StoreFollower(PaperIndexWriter index, PaperStore store, IOptions<IndexOptions> options, ILogger<StoreFollower> logger)
    : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private long _target;
    private volatile bool _caughtUp;

    /// <summary>Set once the first replay has reached the store's Seq of the moment it started.</summary>
    public bool CaughtUp => _caughtUp;

    /// <summary>What the initial build is doing, for readiness; null once the replica has caught up.</summary>
    public string? Progress
    {
        get
        {
            if (_caughtUp) return null;
            var target = Interlocked.Read(ref _target);
            var applied = index.AppliedSeq;
            return target > 0 && applied < target
                ? $"building the index from the store: Seq {applied:N0} of {target:N0} indexed ({100.0 * applied / target:F0}%); searches see what is indexed so far"
                : "catching up with the store";
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var from = index.CommittedSeq;
        var storeSeq = await store.MaxSeqAsync(cancellationToken);
        Interlocked.Exchange(ref _target, storeSeq);
        if (from > storeSeq)
        {
            // Its index is ahead of the store it reads: that store was replaced or restored from an older copy.
            logger.LogWarning("Store follower: the index covers Seq {From:N0} but the store's newest is {Store:N0}; rebuilding it from the store while serving.",
                from, storeSeq);
            _loop = Task.Run(() => RunAsync(rebuild: true, _stopping.Token), CancellationToken.None);
            return;
        }
        var behind = storeSeq - from;
        if (behind <= options.Value.StartupCatchUpLimit)
            await ReplayAsync(from, cancellationToken);
        else
            logger.LogWarning("Store follower: the index is at Seq {From:N0}, {Behind:N0} store changes behind; building it in the background " +
                              "while the server answers. Papers become searchable as they are indexed.", from, behind);
        _loop = Task.Run(() => RunAsync(rebuild: false, _stopping.Token), CancellationToken.None);
    }

    /// <summary>Replays the store's changes after the index's committed Seq and logs how many.</summary>
    private async Task ReplayAsync(long from, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var replayed = await index.CatchUpAsync(commit: true, allCores: true, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        logger.LogInformation("Store follower: replayed {Changes} changes from Seq {From} in {Seconds:N1} s ({Rate:N0} changes/s); " +
                              "the index is at Seq {Seq} with {Docs:N0} documents.",
            replayed, from, seconds, replayed / Math.Max(seconds, 0.001), index.CommittedSeq, index.Searcher.Stats().NumDocs);
        _caughtUp = true;
    }

    private async Task RunAsync(bool rebuild, CancellationToken ct)
    {
        var every = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (rebuild)
                {
                    var result = await index.CheckAsync(repair: true, ct);
                    logger.LogWarning("Store follower: rebuilt the index from the store in {Seconds:N1} s; {Docs:N0} documents, Seq {Seq}.",
                        result.Elapsed.TotalSeconds, result.IndexDocs, index.CommittedSeq);
                    rebuild = false;
                    _caughtUp = true;
                }
                else if (!_caughtUp) await ReplayAsync(index.CommittedSeq, ct);
                else
                {
                    var changes = await index.CatchUpAsync(commit: true, ct: ct);
                    if (changes > 0)
                        logger.LogInformation("Store follower: {Changes} changes applied, the index is at Seq {Seq}.", changes, index.CommittedSeq);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The store unreachable (a database restart, a replica failing over): serve what is indexed, try again.
                logger.LogWarning("Store follower: could not read the store's changes ({Error}); serving the index at Seq {Seq}, retrying in {Seconds} s.",
                    e.Message, index.CommittedSeq, every.TotalSeconds);
            }
            try { await Task.Delay(every, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
            try { await _loop.WaitAsync(cancellationToken); }
            catch (OperationCanceledException) { }
        await index.CommitAsync(cancellationToken);
    }
}
