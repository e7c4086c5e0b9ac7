using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// The only writer of the index (roles <c>all</c> and <c>indexer</c>, a singleton that owns the Lucene writer). The
/// index is derived data: it follows the store's <c>Seq</c> change counter, and each commit records the Seq it covers,
/// so after a crash between a store commit and an index commit <see cref="CatchUpAsync"/> simply replays the gap. Its
/// <see cref="Searcher"/> searches through an NRT <see cref="SearcherManager"/>, refreshed in the background and after
/// every commit. Replicas never construct this type: they read through <see cref="PaperSearcher.OpenPublished"/>.
/// </summary>
public sealed partial class PaperIndexWriter : IGenerationSource, IDisposable
{
    private readonly GenerationFolder _folder;
    private readonly PaperStore _store;
    private readonly IndexOptions _options;
    private readonly ILogger _logger;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile IndexGeneration _gen;
    private long _appliedSeq;
    private readonly string? _openProblem;
    private bool _disposed;

    /// <param name="indexRoot">Usually <see cref="DataPaths.Index"/>; holds the <c>CURRENT</c> pointer and generation folders.</param>
    /// <param name="time">The clock the searcher's time budgets are measured on (the system clock unless a test steps it).</param>
    public PaperIndexWriter(string indexRoot, PaperStore store, IndexOptions? options = null, ILogger<PaperIndexWriter>? logger = null,
        TimeProvider? time = null)
    {
        _folder = new GenerationFolder(indexRoot);
        _store = store;
        _options = options ?? new IndexOptions();
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _gen = IndexGeneration.OpenCurrentForWriting(_folder, _options, out _openProblem);
        if (_openProblem is not null) _logger.LogWarning("Index: {Problem}", _openProblem);
        _appliedSeq = _gen.CommittedSeq;
        Searcher = new PaperSearcher(this, _options, TimeSpan.FromMilliseconds(Math.Max(50, _options.RefreshIntervalMs)), time, ownedSource: null);
    }

    /// <summary>Opens the index and catches it up with the store before returning.</summary>
    public static async Task<PaperIndexWriter> OpenAsync(string indexRoot, PaperStore store, IndexOptions? options = null,
        CancellationToken ct = default, TimeProvider? time = null)
    {
        var index = new PaperIndexWriter(indexRoot, store, options, time: time);
        try { await index.CatchUpAsync(ct: ct); }
        catch { index.Dispose(); throw; }
        return index;
    }

    /// <summary>Searches what this writer has applied (NRT): the process's one <see cref="PaperSearcher"/>.</summary>
    public PaperSearcher Searcher { get; }

    /// <summary>The store Seq covered by the last commit (survives restarts).</summary>
    public long CommittedSeq => _gen.CommittedSeq;

    /// <summary>The store Seq applied to the writer (searchable after the next refresh, durable after commit).</summary>
    public long AppliedSeq => Interlocked.Read(ref _appliedSeq);

    /// <summary>
    /// A long write (a catch-up of a new index over a big store, an import) also commits this often, so web replicas,
    /// which see commits only, show its progress, and a crash keeps what was done; more often would cost an fsync
    /// per batch on a bulk load. The one owner of the commit interval.
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

    IndexGeneration IGenerationSource.Current => _gen;

    void IGenerationSource.Refresh() => _gen.Searchers.MaybeRefresh();

    (long Committed, long Applied) IGenerationSource.SeqsOf(Lucene.Net.Search.IndexSearcher searcher) => (CommittedSeq, AppliedSeq);

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

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Searcher.Dispose();
        _writeGate.Wait();
        try { _gen.Dispose(); }
        finally { _writeGate.Release(); }
    }
}
