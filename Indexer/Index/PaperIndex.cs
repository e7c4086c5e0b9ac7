using Lucene.Net.Index;
using Lucene.Net.Search;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// The only owner of the Lucene writer (singleton). The index is derived data: it follows the store's
/// <c>Seq</c> change counter, and each commit records the Seq it covers, so after a crash between a store
/// commit and an index commit <see cref="CatchUpAsync"/> simply replays the gap. Searches go through an NRT
/// <see cref="SearcherManager"/> refreshed in the background and after every commit.
/// </summary>
public sealed partial class PaperIndex : IDisposable
{
    private readonly string _root;
    private readonly PaperStore _store;
    private readonly IndexOptions _options;
    private readonly TimeProvider _time;
    /// <summary>DI key of an optional <see cref="TimeProvider"/> for search time budgets (tests register a stepping clock).</summary>
    public const string ClockKey = "PaperIndex";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Timer _refresh;
    private volatile IndexGeneration _gen;
    private long _appliedSeq;
    private readonly string? _openProblem;
    private bool _disposed;

    /// <param name="indexRoot">Usually <see cref="DataPaths.Index"/>; holds the <c>CURRENT</c> pointer and generation folders.</param>
    /// <param name="time">The clock search time budgets are measured on (the system clock unless a test steps it).</param>
    public PaperIndex(string indexRoot, PaperStore store, IndexOptions? options = null, TimeProvider? time = null)
    {
        _root = indexRoot;
        _store = store;
        _options = options ?? new IndexOptions();
        _time = time ?? TimeProvider.System;
        _gen = IndexGeneration.OpenCurrent(indexRoot, _options, out _openProblem);
        _appliedSeq = _gen.CommittedSeq;
        var every = TimeSpan.FromMilliseconds(Math.Max(50, _options.RefreshIntervalMs));
        _refresh = new Timer(_ => Refresh(), null, every, every);
    }

    /// <summary>Opens the index and catches it up with the store before returning.</summary>
    public static async Task<PaperIndex> OpenAsync(string indexRoot, PaperStore store, IndexOptions? options = null,
        CancellationToken ct = default, TimeProvider? time = null)
    {
        var index = new PaperIndex(indexRoot, store, options, time);
        try { await index.CatchUpAsync(ct: ct); }
        catch { index.Dispose(); throw; }
        return index;
    }

    /// <summary>The store Seq covered by the last commit (survives restarts).</summary>
    public long CommittedSeq => _gen.CommittedSeq;

    /// <summary>The store Seq applied to the writer (searchable after the next refresh, durable after commit).</summary>
    public long AppliedSeq => Interlocked.Read(ref _appliedSeq);

    /// <summary>
    /// Applies every store change after <see cref="AppliedSeq"/> (inserts, updates, summaries, tombstones), then
    /// commits unless <paramref name="commit"/> is false (bulk imports commit once at the end). Returns how many
    /// changes were applied. Safe to call concurrently: calls are serialised.
    /// </summary>
    public async Task<long> CatchUpAsync(bool commit = true, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            var gen = _gen;
            var applied = await ApplyChangesAsync(gen, AppliedSeq, seq => Interlocked.Exchange(ref _appliedSeq, seq), null, ct);
            if (commit && (applied > 0 || gen.CommittedSeq != AppliedSeq)) CommitLocked(gen);
            return applied;
        }
        finally { _writeGate.Release(); }
    }

    /// <summary>Commits what has been applied and makes it visible to searches now.</summary>
    public async Task CommitAsync(CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            // A host's stop-time commit can arrive after the container disposed the index (which closes the
            // writer with its own commit): nothing is left to commit then.
            if (_disposed) return;
            CommitLocked(_gen);
        }
        finally { _writeGate.Release(); }
    }

    public IndexStats Stats() => WithSearcher(s =>
        new IndexStats(s.IndexReader.NumDocs, s.IndexReader.MaxDoc, CommittedSeq, AppliedSeq, _gen.Path, s.IndexReader.Leaves.Count));

    private void CommitLocked(IndexGeneration gen)
    {
        gen.Commit(AppliedSeq);
        gen.Searchers.MaybeRefreshBlocking();
    }

    private async Task<long> ApplyChangesAsync(IndexGeneration gen, long afterSeq, Action<long> advanced,
        Action<long>? progress, CancellationToken ct)
    {
        long applied = 0;
        await foreach (var change in _store.StreamChangedSinceAsync(afterSeq, ct))
        {
            var id = new Term(IndexFields.Id, change.Paper.Id);
            if (change.Deleted) gen.Writer.DeleteDocuments(id);
            else gen.Writer.UpdateDocument(id, IndexFields.Build(change));
            advanced(change.Seq);
            if (++applied % 1000 == 0) progress?.Invoke(applied);
        }
        progress?.Invoke(applied);
        return applied;
    }

    /// <summary>Runs <paramref name="search"/> on a current searcher; retries once if a reindex swapped generations mid-call.</summary>
    private T WithSearcher<T>(Func<IndexSearcher, T> search)
    {
        for (var attempt = 0; ; attempt++)
        {
            var gen = _gen;
            IndexSearcher searcher;
            try { searcher = gen.Searchers.Acquire(); }
            catch (ObjectDisposedException) when (attempt == 0) { continue; }
            try { return search(searcher); }
            finally { gen.Searchers.Release(searcher); }
        }
    }

    private void Refresh()
    {
        try { _gen.Searchers.MaybeRefresh(); }
        catch (ObjectDisposedException) { /* swapped or shutting down */ }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _refresh.Dispose();
        _writeGate.Wait();
        try { _gen.Dispose(); }
        finally { _writeGate.Release(); }
    }
}
