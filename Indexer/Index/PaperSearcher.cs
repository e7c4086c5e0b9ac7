using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// Every read of the index: search, highlight, related, daily lists, stats. Each call (or each
/// <see cref="SearchSnapshot"/>, for a whole request) works on one acquired searcher, and a background timer
/// refreshes what searches see. In a writing process the searcher follows <see cref="PaperIndexWriter"/>'s NRT
/// changes (<see cref="PaperIndexWriter.Searcher"/>); in a replica (<see cref="OpenPublished"/>) it follows the
/// commits and generation swaps another process publishes. It has no write methods: a replica cannot write the index
/// because it never holds a type that can.
/// </summary>
public sealed partial class PaperSearcher : IDisposable
{
    /// <summary>DI key of an optional <see cref="TimeProvider"/> for search time budgets (tests register a stepping clock).</summary>
    public const string ClockKey = "PaperSearcher";

    private readonly IGenerationSource _source;
    private readonly IDisposable? _ownedSource;
    private readonly IndexOptions _options;
    private readonly TimeProvider _time;
    private readonly Timer _refresh;
    private int _refreshing;
    private int _disposed;

    internal PaperSearcher(IGenerationSource source, IndexOptions options, TimeSpan refreshEvery, TimeProvider? time, IDisposable? ownedSource)
    {
        (_source, _options, _time, _ownedSource) = (source, options, time ?? TimeProvider.System, ownedSource);
        _refresh = new Timer(_ => Refresh(), null, refreshEvery, refreshEvery);
    }

    /// <summary>
    /// A searcher for a replica (role <c>web</c>) over an index root another process writes: it searches the last
    /// commit of the published generation and every <see cref="IndexOptions.RefreshSeconds"/> picks up new commits and
    /// generation swaps. Nothing under <paramref name="indexRoot"/> is created, locked or deleted.
    /// </summary>
    public static PaperSearcher OpenPublished(string indexRoot, IndexOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        options ??= new IndexOptions();
        var source = new PublishedGenerations(new GenerationFolder(indexRoot), options, logger);
        return new PaperSearcher(source, options, TimeSpan.FromSeconds(options.RefreshSeconds), time, ownedSource: source);
    }

    /// <summary>Largest Offset + Count a search may ask for: <see cref="SearchSnapshot.MaxWindow"/>.</summary>
    public const int MaxWindow = SearchSnapshot.MaxWindow;

    /// <summary>
    /// Acquires the current searcher for a whole request (search, title check, filters, highlights on one index
    /// version); dispose it to release. Retries once if a reindex swapped generations at that moment.
    /// </summary>
    public SearchSnapshot Snapshot()
    {
        for (var attempt = 0; ; attempt++)
        {
            var gen = _source.Current;
            try { return new SearchSnapshot(gen.Searchers, gen.Searchers.Acquire(), _options.Weights, _time); }
            catch (ObjectDisposedException) when (attempt == 0) { }
        }
    }

    /// <summary>What the searched commit holds, and the store Seqs it covers.</summary>
    public IndexStats Stats() => WithSearcher((gen, s) =>
    {
        var (committed, applied) = _source.SeqsOf(s);
        return new IndexStats(s.IndexReader.NumDocs, s.IndexReader.MaxDoc, committed, applied, gen.Path, s.IndexReader.Leaves.Count);
    });

    /// <summary>
    /// Names what searches see right now: the generation and its reader's version, which changes with every refresh
    /// that brings something new. Caches of rendered answers key on it, so they never outlive what they show.
    /// </summary>
    public string SearcherVersion() => WithSearcher((gen, s) =>
        $"{Path.GetFileName(gen.Path)}:{(s.IndexReader is DirectoryReader d ? d.Version : 0)}");

    /// <summary>Makes what is new searchable now (the background timer calls it too).</summary>
    public void Refresh()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1) return; // a slow refresh is still running
        try { _source.Refresh(); }
        catch (ObjectDisposedException) { /* swapped or shutting down */ }
        finally { Volatile.Write(ref _refreshing, 0); }
    }

    /// <summary>Runs <paramref name="read"/> on a current searcher; retries once if a reindex swapped generations mid-call.</summary>
    private T WithSearcher<T>(Func<IndexGeneration, IndexSearcher, T> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            var gen = _source.Current;
            IndexSearcher searcher;
            try { searcher = gen.Searchers.Acquire(); }
            catch (ObjectDisposedException) when (attempt == 0) { continue; }
            try { return read(gen, searcher); }
            finally { gen.Searchers.Release(searcher); }
        }
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> read) => WithSearcher((_, s) => read(s));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _refresh.Dispose();
        _ownedSource?.Dispose();
    }
}
