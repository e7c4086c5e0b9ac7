using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// The index, in one of two modes. Writer (roles <c>all</c> and <c>indexer</c>, a singleton): the only owner of the
/// Lucene writer. The index is derived data: it follows the store's <c>Seq</c> change counter, and each commit records
/// the Seq it covers, so after a crash between a store commit and an index commit <see cref="CatchUpAsync"/> simply
/// replays the gap; searches go through an NRT <see cref="SearcherManager"/> refreshed in the background and after
/// every commit. Read-only (role <c>web</c>, <see cref="OpenReadOnly"/>): searches the last commit of the published
/// generation and every <see cref="IndexOptions.RefreshSeconds"/> picks up new commits and generation swaps; the
/// search methods are the same in both modes.
/// </summary>
public sealed partial class PaperIndex : IDisposable
{
    private readonly string _root;
    private readonly PaperStore _store;
    private readonly IndexOptions _options;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    /// <summary>DI key of an optional <see cref="TimeProvider"/> for search time budgets (tests register a stepping clock).</summary>
    public const string ClockKey = "PaperIndex";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _swap = new();
    private readonly Timer _refresh;
    private volatile IndexGeneration _gen;
    private long _appliedSeq;
    private int _refreshing;
    private readonly string? _openProblem;
    private bool _disposed;

    /// <param name="indexRoot">Usually <see cref="DataPaths.Index"/>; holds the <c>CURRENT</c> pointer and generation folders.</param>
    /// <param name="time">The clock search time budgets are measured on (the system clock unless a test steps it).</param>
    public PaperIndex(string indexRoot, PaperStore store, IndexOptions? options = null, TimeProvider? time = null)
        : this(indexRoot, store, options ?? new IndexOptions(), readOnly: false, logger: null, time)
    {
    }

    private PaperIndex(string indexRoot, PaperStore store, IndexOptions options, bool readOnly, ILogger? logger, TimeProvider? time)
    {
        _root = indexRoot;
        _store = store;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        IsReadOnly = readOnly;
        _gen = readOnly ? IndexGeneration.OpenPublished(indexRoot, options) : IndexGeneration.OpenCurrent(indexRoot, options, out _openProblem);
        _appliedSeq = readOnly ? 0 : _gen.CommittedSeq;
        var every = readOnly ? TimeSpan.FromSeconds(options.RefreshSeconds) : TimeSpan.FromMilliseconds(Math.Max(50, options.RefreshIntervalMs));
        _refresh = new Timer(_ => Refresh(), null, every, every);
    }

    /// <summary>
    /// A read-only view for a web replica: no writer, no <c>write.lock</c>, nothing created or deleted under
    /// <paramref name="indexRoot"/>. Empty until an indexer publishes a generation. Write methods throw.
    /// </summary>
    public static PaperIndex OpenReadOnly(string indexRoot, PaperStore store, IndexOptions? options = null, ILogger? logger = null,
        TimeProvider? time = null) =>
        new(indexRoot, store, options ?? new IndexOptions(), readOnly: true, logger, time);

    /// <summary>True in a web replica: searches only, the indexer process writes.</summary>
    public bool IsReadOnly { get; }

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
    public long AppliedSeq => IsReadOnly ? CommittedSeq : Interlocked.Read(ref _appliedSeq);

    /// <summary>
    /// A long catch-up (a new index over a big store) also commits this often, so web replicas, which see commits
    /// only, show its progress, and a crash keeps what was done.
    /// </summary>
    public static readonly TimeSpan CatchUpCommitEvery = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Applies every store change after <see cref="AppliedSeq"/> (inserts, updates, summaries, tombstones), then
    /// commits unless <paramref name="commit"/> is false (bulk imports commit once at the end); with a commit, a
    /// long run also commits every <see cref="CatchUpCommitEvery"/>. Returns how many changes were applied. Safe to
    /// call concurrently: calls are serialised.
    /// </summary>
    /// <param name="allCores">Analyse on every core (<see cref="ApplyThreads"/>): for a catch-up that has the machine to
    /// itself, such as the start-up check's; an import's own stages already use the other cores.</param>
    public async Task<long> CatchUpAsync(bool commit = true, bool allCores = false, CancellationToken ct = default)
    {
        EnsureWritable();
        await _writeGate.WaitAsync(ct);
        try
        {
            var gen = _gen;
            var committedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            void CommitNowAndThen(long _)
            {
                if (!commit || System.Diagnostics.Stopwatch.GetElapsedTime(committedAt) < CatchUpCommitEvery) return;
                CommitLocked(gen); // AppliedSeq is the last change applied: changes arrive in Seq order
                committedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            }
            var applied = await ApplyChangesAsync(gen, AppliedSeq, seq => Interlocked.Exchange(ref _appliedSeq, seq), CommitNowAndThen, allCores, ct);
            if (commit && (applied > 0 || gen.CommittedSeq != AppliedSeq)) CommitLocked(gen);
            return applied;
        }
        finally { _writeGate.Release(); }
    }

    /// <summary>Commits what has been applied and makes it visible to searches now.</summary>
    public async Task CommitAsync(CancellationToken ct = default)
    {
        EnsureWritable();
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
    {
        // A replica's Seq is the one of the commit this very searcher reads.
        var committed = IsReadOnly ? IndexGeneration.SeqOf(s) : CommittedSeq;
        return new IndexStats(s.IndexReader.NumDocs, s.IndexReader.MaxDoc, committed, IsReadOnly ? committed : AppliedSeq,
            _gen.Path, s.IndexReader.Leaves.Count);
    });

    /// <summary>
    /// Names what searches see right now: the generation and its reader's version, which changes with every refresh
    /// that brings something new. Caches of rendered answers key on it, so they never outlive what they show.
    /// </summary>
    public string SearcherVersion() => WithSearcher(s =>
        $"{Path.GetFileName(_gen.Path)}:{(s.IndexReader is DirectoryReader d ? d.Version : 0)}");

    /// <summary>
    /// Makes what is new searchable now: the writer's applied changes (NRT), or in a read-only replica the indexer's
    /// latest commit, switching generation when <c>CURRENT</c> names another one. The background timer calls it too.
    /// </summary>
    public void Refresh()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1) return; // a slow refresh is still running
        try
        {
            if (IsReadOnly) RefreshReplica();
            else _gen.Searchers.MaybeRefresh();
        }
        catch (ObjectDisposedException) { /* swapped or shutting down */ }
        catch (Exception e) when (IsReadOnly && e is IOException or UnauthorizedAccessException)
        {
            // Keep serving the commit we have; the next tick tries again.
            _logger?.LogWarning(e, "Index refresh from {Root} failed; still searching generation {Generation}", _root, _gen.Name);
        }
        finally { Volatile.Write(ref _refreshing, 0); }
    }

    private void RefreshReplica()
    {
        var published = IndexGeneration.ReadPointer(_root);
        if (published is null || published == _gen.Name)
        {
            _gen.Searchers.MaybeRefresh();
            return;
        }
        var next = IndexGeneration.OpenPublished(_root, _options);
        lock (_swap)
        {
            if (_disposed) { next.Dispose(); return; }
            var old = _gen;
            _gen = next;
            // Searches holding the old searcher keep its reader open until they release it (reference counted).
            old.Dispose();
        }
        _logger?.LogInformation("Index replica switched to generation {Generation} ({Documents} documents)", next.Name, Stats().NumDocs);
    }

    private void EnsureWritable()
    {
        if (IsReadOnly) throw new InvalidOperationException("This process opened the index read-only (role 'web'); only the indexer writes it.");
    }

    private void CommitLocked(IndexGeneration gen)
    {
        gen.Commit(AppliedSeq);
        gen.Searchers.MaybeRefreshBlocking();
    }

    /// <summary>Changes handed to the writer together; <see cref="ApplyThreads"/> analyse them side by side.</summary>
    private const int ApplyBatch = 256;

    /// <summary>
    /// Analysis (SmartCn above all) is the cost of indexing, and IndexWriter takes documents from several threads at
    /// once (a segment buffer per thread), so a long stream (a reindex, a new index catching up) uses every core:
    /// 118,024 papers with 33,639 Chinese summaries reindexed in 36–38 s instead of 51–64 s on 2 cores. An import's
    /// catch-ups stay on one thread: its parser and store stages already keep the other core busy, and more threads
    /// made a plain import slower (33–39 s against 28–32 s).
    /// </summary>
    private static readonly int ApplyThreads = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>
    /// Streams the store's changes after <paramref name="afterSeq"/> into <paramref name="gen"/> in Seq order, a batch
    /// at a time. <paramref name="advanced"/> gets the Seq of the last change of each batch once the whole batch is in
    /// the writer, so a commit never records a Seq whose earlier changes are missing. The order inside a batch does
    /// not matter because a batch holds each paper once: a paper written again while the stream runs comes back at
    /// its end, and then starts a new batch so its newer version is applied last. <paramref name="progress"/> gets the
    /// count every 1,000 changes or so and at the end.
    /// </summary>
    private async Task<long> ApplyChangesAsync(IndexGeneration gen, long afterSeq, Action<long> advanced,
        Action<long>? progress, bool allCores, CancellationToken ct)
    {
        long applied = 0;
        var batch = new List<PaperChange>(ApplyBatch);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        var threads = allCores ? ApplyThreads : 1;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
        void Write(PaperChange change)
        {
            var id = new Term(IndexFields.Id, change.Paper.Id);
            if (change.Deleted) gen.Writer.DeleteDocuments(id);
            else gen.Writer.UpdateDocument(id, IndexFields.Build(change));
        }
        // Reading the store while the previous batch is indexed gained 4% on 118k papers: not worth a second thread.
        void Flush()
        {
            if (threads == 1) batch.ForEach(Write);
            else Parallel.ForEach(batch, parallel, Write);
            advanced(batch[^1].Seq);
            var before = applied;
            applied += batch.Count;
            batch.Clear();
            inBatch.Clear();
            if (applied / 1000 > before / 1000) progress?.Invoke(applied);
        }

        await foreach (var change in _store.StreamChangedSinceAsync(afterSeq, ct))
        {
            if (!inBatch.Add(change.Paper.Id))
            {
                Flush();
                inBatch.Add(change.Paper.Id);
            }
            batch.Add(change);
            if (batch.Count == ApplyBatch) Flush();
        }
        if (batch.Count > 0) Flush();
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

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _refresh.Dispose();
        _writeGate.Wait();
        try { lock (_swap) _gen.Dispose(); }
        finally { _writeGate.Release(); }
    }
}
