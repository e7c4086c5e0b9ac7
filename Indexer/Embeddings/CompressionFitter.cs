using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Compression;

namespace PaperSearch.Indexer.Embeddings;

public sealed record FitSummary(string Model, int Papers, int Rank, double ExplainedVariance, double RelativeError, TimeSpan Elapsed);

/// <summary>
/// Fits the PCA projection on every stored vector of a model (streamed D×D covariance, eigendecomposition)
/// and saves it in the store. Run by the <c>fit</c> verb and the nightly job after embedding. Memory is constant in the
/// corpus size: one batch, the D×D accumulator and a bounded sample for the reconstruction error.
/// </summary>
public sealed class CompressionFitter(PaperStore store)
{
    /// <summary>Vectors kept to measure the reconstruction error: 30 MB at D = 384, whatever the corpus size.</summary>
    private const int MaxSample = 20_000;

    public async Task<FitSummary?> FitAsync(string model, int rank, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        CovarianceAccumulator? acc = null;
        var batch = new List<float>(512 * 384);
        var sample = new List<float[]>();
        var random = new Random(16);
        var count = 0;
        await foreach (var e in store.StreamEmbeddingsAsync(model, ct))
        {
            acc ??= new CovarianceAccumulator(e.Vector.Length);
            batch.AddRange(e.Vector);
            // Every 16th vector is a candidate for the error sample (no second pass); past MaxSample candidates a seeded
            // reservoir keeps a uniform MaxSample of them, so 50M vectors need no 4.8 GB sample.
            if (count++ % 16 == 0)
            {
                var seen = count / 16 + 1;
                if (sample.Count < MaxSample) sample.Add(e.Vector);
                else if (random.Next(seen) is var slot && slot < MaxSample) sample[slot] = e.Vector;
            }
            if (batch.Count >= 512 * e.Vector.Length) { acc.Add(batch.ToArray()); batch.Clear(); }
        }
        if (acc is null || count <= rank) return null;
        if (batch.Count > 0) acc.Add(batch.ToArray());

        var pca = PcaFitter.Fit(acc);
        var projection = pca.ToProjection(Math.Min(rank, acc.Dimension));
        var (_, relative) = ReconstructionError.Measure(projection, sample.SelectMany(v => v).ToArray());
        var explained = projection.ExplainedVarianceRatio;
        await store.SaveProjectionAsync(new StoredProjection(model, projection.Rank, projection.Dimension, projection.ToBytes(),
            DateTimeOffset.UtcNow, count, explained), ct);
        return new FitSummary(model, count, projection.Rank, explained, relative, clock.Elapsed);
    }
}
