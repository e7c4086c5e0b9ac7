using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// Last nightly step: refit the PCA compression on all vectors, then swap the in-memory catalog. Skips the fit when the
/// stored projection already covers every vector at the configured rank (vectors are only ever added, so an equal count
/// means the same set): a second night in a row, or a night after <c>embed</c> fitted, costs two counts.
/// </summary>
public sealed class RefitCompressionStep(
    CompressionFitter fitter, PaperStore store, VectorCatalog catalog, IEmbedder embedder, IOptions<SemanticOptions> options,
    ILogger<RefitCompressionStep> logger) : INightlyStep
{
    public string Name => "refit-compression";

    public async Task RunAsync(CancellationToken ct)
    {
        if (!embedder.IsAvailable) return;
        var rank = options.Value.Rank;
        var fitted = await store.GetProjectionAsync(embedder.ModelId, ct);
        var vectors = await store.CountEmbeddingsAsync(embedder.ModelId, ct);
        if (fitted is not null && fitted.PaperCount == vectors && fitted.Rank == Math.Min(rank, fitted.Dimension))
            logger.LogInformation("Compression already fitted on all {Vectors} vectors at rank {Rank}; not refitted", vectors, fitted.Rank);
        else
            await fitter.FitAsync(embedder.ModelId, rank, ct);
        // Only a process that serves searches holds the vectors in memory; an indexer-only process never loaded them.
        // It reloads when the store holds other vectors or another projection than it loaded.
        if (catalog.IsLoaded) await catalog.ReloadIfChangedAsync(ct);
    }
}
