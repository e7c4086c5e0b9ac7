using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// Loads the vector catalog in the background after start, so the site serves BM25 at once and turns hybrid on as
/// soon as the vectors are in memory; then follows the store every <see cref="IndexOptions.RefreshSeconds"/>, so a web
/// replica picks up what the indexer's embedding and refit jobs wrote (the same interval as its index refresh).
/// </summary>
public sealed class VectorCatalogLoader(VectorCatalog catalog, IOptions<IndexOptions> index, ILogger<VectorCatalogLoader> logger) : BackgroundService
{
    /// <summary>
    /// A full reload costs seconds on a large corpus; while an embedding run keeps changing the count, reload at most
    /// once per this many load durations so serving keeps most of the CPU.
    /// </summary>
    private const int ReloadSpacingFactor = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await catalog.ReloadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
        catch (Exception e)
        {
            // Semantic ranking is an improvement, not a dependency: log and keep serving BM25.
            logger.LogError(e, "Could not load the vector catalog; search stays in BM25 order.");
        }
        await FollowAsync(stoppingToken);
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        var every = TimeSpan.FromSeconds(index.Value.RefreshSeconds);
        var notBefore = 0L;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, ct);
                if (Stopwatch.GetTimestamp() < notBefore) continue;
                var started = Stopwatch.GetTimestamp();
                if (await catalog.ReloadIfChangedAsync(ct))
                    notBefore = started + (Stopwatch.GetTimestamp() - started) * ReloadSpacingFactor;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Vector catalog refresh failed; keeping the vectors loaded before.");
            }
        }
    }
}
