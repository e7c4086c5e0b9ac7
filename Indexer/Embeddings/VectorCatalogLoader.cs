using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// Loads the vector catalog in the background after start, so the site serves BM25 at once and
/// turns hybrid on as soon as the vectors are in memory.
/// </summary>
public sealed class VectorCatalogLoader(VectorCatalog catalog, ILogger<VectorCatalogLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await catalog.ReloadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            // Semantic ranking is an improvement, not a dependency: log and keep serving BM25.
            logger.LogError(e, "Could not load the vector catalog; search stays in BM25 order.");
        }
    }
}
