using Microsoft.Extensions.Logging;
using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Simd;

namespace PaperSearch.Indexer.Embeddings;

public sealed partial class VectorCatalog
{
    /// <summary>
    /// Loads the current vectors and swaps them in. The process that writes opens the vector file published for the
    /// store's vector count, or streams the store into a new one; a read-only replica opens the newest published file,
    /// keeps what it has when there is none it can use, and only with nothing loaded reads the store into process
    /// memory. Codes are built as the rows stream by, so a reload never holds two copies of the f32 rows in the heap.
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        if (!embedder.IsAvailable) { IsLoaded = true; return; }
        await _reload.WaitAsync(ct);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Read before streaming: vectors added during the load change it, so the next check loads again.
            var seen = await FingerprintAsync(ct);
            var (projection, fittedAt) = await ProjectionAsync(seen.Vectors, ct);
            seen = seen with { FittedAt = fittedAt };
            var loaded = await LoadRowsAsync(seen, projection, ct);
            if (loaded is null) { IsLoaded = true; return; }
            var codes = loaded.Ids.Length >= options.Value.CompressAbove ? loaded.Codes : null;
            var rows = new Dictionary<string, int>(loaded.Ids.Length, StringComparer.Ordinal);
            for (var i = 0; i < loaded.Ids.Length; i++) rows[loaded.Ids[i]] = i;
            var old = _current;
            _current = new Snapshot(loaded.Ids, rows, loaded.Rows, embedder.Dimension, codes is null ? null : projection,
                codes is null ? null : new CompressedScanner(codes), loaded.File, fittedAt);
            old.Retire();
            // A file older than the store's count is what a replica has until the writer publishes: check again next time.
            _loadedFrom = loaded.Ids.Length == seen.Vectors ? seen : seen with { Vectors = -1 };
            IsLoaded = true;
            logger.LogInformation("Loaded {Count} {Model} vectors in {Ms} ms from {Source} (compressed: {Compressed}, rank {Rank})",
                loaded.Ids.Length, embedder.ModelId, clock.ElapsedMilliseconds, loaded.File ?? "the store, into process memory",
                codes is not null, codes?.Rank);
        }
        finally { _reload.Release(); }
    }

    /// <summary>
    /// The projection to encode with, when the catalog will be compressed (it is decided on the store's count, then
    /// confirmed on the rows loaded). A projection fitted on far fewer papers than the store holds is refitted first
    /// (cheap: seconds) where the process may write the store.
    /// </summary>
    private async Task<(LowRankProjection? Projection, DateTimeOffset? FittedAt)> ProjectionAsync(int vectors, CancellationToken ct)
    {
        var o = options.Value;
        var stored = await store.GetProjectionAsync(embedder.ModelId, ct);
        if (vectors < o.CompressAbove) return (null, stored?.FittedAt);
        if ((stored is null || stored.Rank != o.Rank || stored.PaperCount < vectors / 2) && o.RefitOnLoad)
        {
            await new CompressionFitter(store).FitAsync(embedder.ModelId, o.Rank, ct);
            stored = await store.GetProjectionAsync(embedder.ModelId, ct);
        }
        return stored is not null && stored.Rank == o.Rank ? (LowRankProjection.FromBytes(stored.Data), stored.FittedAt) : (null, stored?.FittedAt);
    }

    /// <summary>The rows (and codes) to serve next, or null to keep the snapshot being served.</summary>
    private async Task<LoadedVectors?> LoadRowsAsync(Fingerprint seen, LowRankProjection? projection, CancellationToken ct)
    {
        var (model, d, current) = (embedder.ModelId, embedder.Dimension, _current);
        if (folder is null) return await VectorLoad.InProcessFromStoreAsync(store, model, d, seen.Vectors, projection, ct);
        var path = folder.Writes ? folder.Find(model, seen.Vectors) : folder.Newest(model);
        if (path is not null && path == current.File && seen.FittedAt == current.FittedAt) return null; // nothing new
        if (path is not null)
        {
            try { return VectorLoad.FromFile(path, d, projection); }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                logger.LogError(e, "Refused the vector file {Path}", path);
                if (folder.Writes) System.IO.File.Delete(path); // rebuilt from the store just below
            }
        }
        if (folder.Writes) return await VectorLoad.PublishFromStoreAsync(store, model, d, folder, projection, ct);
        if (current.Ids.Length > 0)
        {
            logger.LogDebug("No new usable vector file under {Folder}; keeping the {Count} vectors loaded", folder.Root, current.Ids.Length);
            return null;
        }
        logger.LogWarning("No usable vector file under {Folder} (the indexer publishes one); loading the {Count} vectors from the store " +
                          "into process memory until it does", folder.Root, seen.Vectors);
        return await VectorLoad.InProcessFromStoreAsync(store, model, d, seen.Vectors, projection, ct);
    }
}
