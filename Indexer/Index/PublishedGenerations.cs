using Lucene.Net.Search;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// A replica's view of an index root written by another process: the last commit of the generation <c>CURRENT</c>
/// names, switched when <c>CURRENT</c> names another one. Opens no writer, takes no <c>write.lock</c>, and creates or
/// deletes nothing under the root; until a writer publishes a generation it searches an empty index.
/// </summary>
internal sealed class PublishedGenerations(GenerationFolder folder, IndexOptions options, ILogger? logger) : IGenerationSource, IDisposable
{
    private readonly Lock _swap = new();
    private volatile IndexGeneration _gen = IndexGeneration.OpenPublished(folder, options);
    private bool _disposed;

    public IndexGeneration Current => _gen;

    public void Refresh()
    {
        try
        {
            var published = folder.Published();
            if (published is null || published == _gen.Name)
            {
                _gen.Searchers.MaybeRefresh();
                return;
            }
            var next = IndexGeneration.OpenPublished(folder, options);
            lock (_swap)
            {
                if (_disposed) { next.Dispose(); return; }
                var old = _gen;
                _gen = next;
                // Searches holding the old searcher keep its reader open until they release it (reference counted).
                old.Dispose();
            }
            logger?.LogInformation("Index replica switched to generation {Generation}", next.Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep serving the commit we have; the next tick tries again.
            logger?.LogWarning(e, "Index refresh from {Root} failed; still searching generation {Generation}", folder.Root, _gen.Name);
        }
    }

    /// <summary>A replica searches commits only, so what it has applied is what was committed.</summary>
    public (long Committed, long Applied) SeqsOf(IndexSearcher searcher)
    {
        var seq = IndexGeneration.SeqOf(searcher);
        return (seq, seq);
    }

    public void Dispose()
    {
        lock (_swap)
        {
            if (_disposed) return;
            _disposed = true;
            _gen.Dispose();
        }
    }
}
