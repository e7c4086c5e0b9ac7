using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>Nightly: embed what the harvest added (resumable; a no-op without a model).</summary>
public sealed class EmbedNewPapersStep(EmbeddingPipeline pipeline, IEmbedder embedder) : INightlyStep
{
    public int Order => 200;
    public string Name => "embed-new-papers";

    public async Task RunAsync(CancellationToken ct)
    {
        if (embedder.IsAvailable) await pipeline.RunAsync(ct: ct);
    }
}

/// <summary>Nightly: refit the PCA compression on all vectors, then swap the in-memory catalog.</summary>
public sealed class RefitCompressionStep(CompressionFitter fitter, VectorCatalog catalog, IEmbedder embedder, IOptions<SemanticOptions> options) : INightlyStep
{
    public int Order => 300;
    public string Name => "refit-compression";

    public async Task RunAsync(CancellationToken ct)
    {
        if (!embedder.IsAvailable) return;
        await fitter.FitAsync(embedder.ModelId, options.Value.Rank, ct);
        await catalog.ReloadAsync(ct);
    }
}
