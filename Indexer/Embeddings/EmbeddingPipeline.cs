using System.Diagnostics;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Indexer.Embeddings;

public sealed record EmbedProgress(int Done, int Remaining, double PapersPerSecond);

public sealed record EmbedSummary(string Model, int Embedded, int Total, TimeSpan Elapsed)
{
    public double PapersPerSecond => Elapsed.TotalSeconds > 0 ? Embedded / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Embeds every paper that lacks a vector for the current model (title + abstract), newest first, chunk by chunk:
/// a limited or interrupted run has ranked the papers a daily reader sees first (see <see cref="PaperStore"/>'s
/// embedding order). Each chunk is committed before the next is read, so a crash or cancel loses at most one chunk of
/// work and a re-run picks up exactly where the store says it stopped.
/// </summary>
public sealed class EmbeddingPipeline(PaperStore store, IEmbedder embedder)
{
    /// <summary>Papers per commit: large enough to amortise the query, small enough to lose little on a crash.</summary>
    public const int ChunkSize = 128;

    /// <param name="limit">At most this many papers: the newest of those lacking a vector.</param>
    public async Task<EmbedSummary> RunAsync(int? limit = null, IProgress<EmbedProgress>? progress = null, CancellationToken ct = default)
    {
        EnsureAvailable();
        var clock = Stopwatch.StartNew();
        var total = await store.CountAsync(ct);
        var already = await store.CountEmbeddingsAsync(embedder.ModelId, ct);
        var remaining = Math.Max(0, total - already);
        if (limit is { } l) remaining = Math.Min(remaining, l);
        var done = 0;
        while (done < remaining)
        {
            ct.ThrowIfCancellationRequested();
            var ids = await store.GetIdsMissingEmbeddingAsync(embedder.ModelId, Math.Min(ChunkSize, remaining - done), ct);
            var embedded = ids.Count == 0 ? 0 : await EmbedChunkAsync(ids, ct);
            if (embedded == 0) break; // nothing left (or only papers deleted meanwhile)
            done += embedded;
            progress?.Report(new EmbedProgress(done, remaining - done, done / Math.Max(1e-9, clock.Elapsed.TotalSeconds)));
        }
        return new EmbedSummary(embedder.ModelId, done, total, clock.Elapsed);
    }

    /// <summary>
    /// The nightly job's work units: id ranges of at most <paramref name="size"/> papers that lack a vector for the
    /// current model, newest range first.
    /// </summary>
    public Task<IReadOnlyList<IdRange>> PlanRangesAsync(int size, CancellationToken ct = default) =>
        store.MissingEmbeddingRangesAsync(embedder.ModelId, size, ct);

    /// <summary>
    /// Embeds the papers of <paramref name="range"/> that lack a vector, newest first, chunk by chunk. Idempotent: a retry or a
    /// second worker on the same range finds only what is still missing.
    /// </summary>
    public async Task<EmbedSummary> RunRangeAsync(IdRange range, CancellationToken ct = default)
    {
        EnsureAvailable();
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var ids = await store.GetIdsMissingEmbeddingAsync(embedder.ModelId, range, ChunkSize, ct);
            var embedded = ids.Count == 0 ? 0 : await EmbedChunkAsync(ids, ct);
            if (embedded == 0) break;
            done += embedded;
        }
        return new EmbedSummary(embedder.ModelId, done, done, clock.Elapsed);
    }

    /// <summary>Embeds and stores one chunk in one transaction; returns how many papers it embedded.</summary>
    private async Task<int> EmbedChunkAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var papers = await store.GetManyAsync(ids, ct);
        var texts = papers.Select(EmbeddingText.ForPaper).ToList();
        var vectors = new float[texts.Count * embedder.Dimension];
        // ONNX inference is CPU-bound and synchronous: keep it off the caller's synchronisation context.
        await Task.Run(() => embedder.Embed(texts, vectors, ct), ct);
        var rows = new List<(string, float[])>(papers.Count);
        for (var i = 0; i < papers.Count; i++)
            rows.Add((papers[i].Id, vectors.AsSpan(i * embedder.Dimension, embedder.Dimension).ToArray()));
        await store.UpsertEmbeddingsAsync(embedder.ModelId, rows, ct);
        return papers.Count;
    }

    private void EnsureAvailable()
    {
        if (!embedder.IsAvailable)
            throw new InvalidOperationException("No embedding model is available (Embedding:Model is 'none' or the model failed to load); nothing to embed.");
    }
}
