using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// The vector file for web replicas, in a process that writes but serves no searches (the <c>indexer</c> role): it never
/// loads the catalog, so nothing else would publish. At start and then every <see cref="IndexOptions.RefreshSeconds"/>
/// it compares the store's vector count with the published files and streams a new file when none holds that count
/// (after an embedding run, by this process or by workers). Spaced like <see cref="VectorCatalogLoader"/> while an
/// embedding run keeps changing the count.
/// </summary>
public sealed class VectorFilePublisher(PaperStore store, IEmbedder embedder, VectorFolder folder, IOptions<IndexOptions> index,
    ILogger<VectorFilePublisher> logger) : BackgroundService
{
    private const int PublishSpacingFactor = 10;

    /// <summary>Publishes a file for the store's current vector count unless one exists. Returns whether it wrote one.</summary>
    public async Task<bool> PublishIfMissingAsync(CancellationToken ct)
    {
        if (!embedder.IsAvailable || !folder.Writes) return false;
        var count = await store.CountEmbeddingsAsync(embedder.ModelId, ct);
        if (folder.Find(embedder.ModelId, count) is not null) return false;
        var clock = Stopwatch.StartNew();
        // Rows only: codes depend on the projection and are derived by each process that ranks.
        var published = await VectorLoad.PublishFromStoreAsync(store, embedder.ModelId, embedder.Dimension, folder, projection: null, ct);
        published.Rows.Release();
        logger.LogInformation("Published {Count} {Model} vectors to {Path} in {Ms} ms", published.Ids.Length, embedder.ModelId,
            published.File, clock.ElapsedMilliseconds);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var every = TimeSpan.FromSeconds(index.Value.RefreshSeconds);
        var notBefore = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Stopwatch.GetTimestamp() >= notBefore)
                {
                    var started = Stopwatch.GetTimestamp();
                    if (await PublishIfMissingAsync(stoppingToken))
                        notBefore = started + (Stopwatch.GetTimestamp() - started) * PublishSpacingFactor;
                }
                await Task.Delay(every, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // Replicas keep the file they have (or load from the store): log and try again next time.
                logger.LogWarning(e, "Publishing the vector file failed; trying again in {Seconds} s", every.TotalSeconds);
                try { await Task.Delay(every, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
