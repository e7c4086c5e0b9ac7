using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>Nightly: refit the PCA compression on all vectors, then swap the in-memory catalog.</summary>
public sealed class RefitCompressionStep(CompressionFitter fitter, VectorCatalog catalog, IEmbedder embedder, IOptions<SemanticOptions> options) : INightlyStep
{
    public int Order => 300;
    public string Name => "refit-compression";

    public async Task RunAsync(CancellationToken ct)
    {
        if (!embedder.IsAvailable) return;
        await fitter.FitAsync(embedder.ModelId, options.Value.Rank, ct);
        // Only a process that serves searches holds the vectors in memory; an indexer-only process never loaded them.
        if (catalog.IsLoaded) await catalog.ReloadAsync(ct);
    }
}
