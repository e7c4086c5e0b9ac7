using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Compression;

namespace PaperSearch.Indexer.Embeddings;

public sealed record FitSummary(string Model, int Papers, int Rank, double ExplainedVariance, double RelativeError, TimeSpan Elapsed);

/// <summary>
/// Fits the PCA projection on every stored vector of a model (streamed D×D covariance, eigendecomposition)
/// and saves it in the store. Run by the <c>fit</c> verb and the nightly job after embedding.
/// </summary>
public sealed class CompressionFitter(PaperStore store)
{
    public async Task<FitSummary?> FitAsync(string model, int rank, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        CovarianceAccumulator? acc = null;
        var batch = new List<float>(512 * 384);
        var sample = new List<float>();
        var count = 0;
        await foreach (var e in store.StreamEmbeddingsAsync(model, ct))
        {
            acc ??= new CovarianceAccumulator(e.Vector.Length);
            batch.AddRange(e.Vector);
            // Keep every 16th vector to measure the reconstruction error without a second pass.
            if (count++ % 16 == 0) sample.AddRange(e.Vector);
            if (batch.Count >= 512 * e.Vector.Length) { acc.Add(batch.ToArray()); batch.Clear(); }
        }
        if (acc is null || count <= rank) return null;
        if (batch.Count > 0) acc.Add(batch.ToArray());

        var pca = PcaFitter.Fit(acc);
        var projection = pca.ToProjection(Math.Min(rank, acc.Dimension));
        var (_, relative) = ReconstructionError.Measure(projection, sample.ToArray());
        var explained = projection.ExplainedVarianceRatio;
        await store.SaveProjectionAsync(new StoredProjection(model, projection.Rank, projection.Dimension, projection.ToBytes(),
            DateTimeOffset.UtcNow, count, explained), ct);
        return new FitSummary(model, count, projection.Rank, explained, relative, clock.Elapsed);
    }
}
