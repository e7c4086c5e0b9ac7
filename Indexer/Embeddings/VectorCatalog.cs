using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Ranking.Simd;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// Every stored vector of the current model, in memory: f32 rows for exact cosine, and (for large sets) the
/// int8 PCA codes for the SIMD scan. Readers see an immutable snapshot; <see cref="ReloadAsync"/> swaps in a
/// new one after an embedding run or a refit. Empty when no model is available — callers degrade to BM25.
/// </summary>
public sealed class VectorCatalog(PaperStore store, IEmbedder embedder, IOptions<SemanticOptions> options, ILogger<VectorCatalog> logger)
{
    private sealed record Snapshot(
        string[] Ids, Dictionary<string, int> Rows, float[] Vectors, int Dimension,
        LowRankProjection? Projection, CompressedScanner? Scanner)
    {
        public static readonly Snapshot Empty = new([], [], [], 0, null, null);
    }

    private volatile Snapshot _current = Snapshot.Empty;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Fingerprint? _loadedFrom;

    /// <summary>What a load saw: cheap to read, and it changes when vectors are added or the projection is refitted.</summary>
    private sealed record Fingerprint(int Vectors, DateTimeOffset? FittedAt);

    public int Count => _current.Ids.Length;
    public int? Rank => _current.Projection?.Rank;
    public bool IsLoaded { get; private set; }

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        if (!embedder.IsAvailable) { IsLoaded = true; return; }
        await _reload.WaitAsync(ct);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Read before streaming: vectors added during the load change it, so the next check loads again.
            var seen = await FingerprintAsync(ct);
            var ids = new List<string>();
            var vectors = new List<float>();
            var dim = embedder.Dimension;
            await foreach (var e in store.StreamEmbeddingsAsync(embedder.ModelId, ct))
            {
                if (e.Vector.Length != dim) continue;
                ids.Add(e.PaperId);
                vectors.AddRange(e.Vector);
            }
            var flat = vectors.ToArray();
            var o = options.Value;
            LowRankProjection? projection = null;
            CompressedScanner? scanner = null;
            if (ids.Count >= o.CompressAbove)
            {
                var stored = await store.GetProjectionAsync(embedder.ModelId, ct);
                // A projection fitted on far fewer papers than we now hold is refitted (cheap: seconds).
                if ((stored is null || stored.Rank != o.Rank || stored.PaperCount < ids.Count / 2) && o.RefitOnLoad)
                {
                    await new CompressionFitter(store).FitAsync(embedder.ModelId, o.Rank, ct);
                    stored = await store.GetProjectionAsync(embedder.ModelId, ct);
                    seen = seen with { FittedAt = stored?.FittedAt };
                }
                if (stored is not null && stored.Rank == o.Rank)
                {
                    projection = LowRankProjection.FromBytes(stored.Data);
                    scanner = new CompressedScanner(Int8Quantizer.Quantize(projection.EncodeMany(flat), projection.Rank));
                }
            }
            var rows = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
            for (var i = 0; i < ids.Count; i++) rows[ids[i]] = i;
            _current = new Snapshot([.. ids], rows, flat, dim, projection, scanner);
            _loadedFrom = seen;
            IsLoaded = true;
            logger.LogInformation("Loaded {Count} {Model} vectors in {Ms} ms (compressed: {Compressed}, rank {Rank})",
                ids.Count, embedder.ModelId, clock.ElapsedMilliseconds, scanner is not null, projection?.Rank);
        }
        finally { _reload.Release(); }
    }

    /// <summary>
    /// Reloads when the store holds a different number of vectors or a newly fitted projection since the last load
    /// (a web replica following the indexer's embedding and refit jobs). Returns whether it reloaded.
    /// </summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken ct = default)
    {
        if (!embedder.IsAvailable || await FingerprintAsync(ct) == _loadedFrom) return false;
        await ReloadAsync(ct);
        return true;
    }

    private async Task<Fingerprint> FingerprintAsync(CancellationToken ct) =>
        new(await store.CountEmbeddingsAsync(embedder.ModelId, ct), (await store.GetProjectionAsync(embedder.ModelId, ct))?.FittedAt);

    public bool Contains(string id) => _current.Rows.ContainsKey(id);

    /// <summary>The stored vector of a paper, or null when it has none yet.</summary>
    public ReadOnlyMemory<float>? VectorOf(string id)
    {
        var s = _current;
        // Not "? vectors.AsMemory(…) : null": null would convert to an empty Memory through float[] (a vector of length 0,
        // not "none"), which once made every paper look embedded to the recommender.
        if (!s.Rows.TryGetValue(id, out var row)) return null;
        return s.Vectors.AsMemory(row * s.Dimension, s.Dimension);
    }

    /// <summary>Cosine (= dot, vectors are normalised) of <paramref name="query"/> with each id; null where a paper has no vector.</summary>
    public double?[] Cosines(ReadOnlySpan<float> query, IReadOnlyList<string> ids)
    {
        var s = _current;
        var result = new double?[ids.Count];
        if (query.Length != s.Dimension) return result;
        for (var i = 0; i < ids.Count; i++)
            if (s.Rows.TryGetValue(ids[i], out var row))
                result[i] = TensorPrimitives.Dot(query, s.Vectors.AsSpan(row * s.Dimension, s.Dimension));
        return result;
    }

    /// <summary>
    /// Width of the space a linear library model learns in (<see cref="FeaturesOf"/>): the compression's rank r when the
    /// catalog is compressed, else the vectors' dimension (a small catalog has no projection; its vectors are the codes).
    /// </summary>
    public int FeatureDimension => _current.Projection?.Rank ?? _current.Dimension;

    /// <summary>The features of each id that has a vector (row-major, <see cref="FeatureDimension"/> wide) and those ids.</summary>
    public (float[] Rows, IReadOnlyList<string> Ids) FeaturesOf(IEnumerable<string> ids)
    {
        var s = _current;
        var width = s.Projection?.Rank ?? s.Dimension;
        var found = ids.Where(s.Rows.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var rows = new float[found.Count * width];
        for (var i = 0; i < found.Count; i++)
        {
            var vector = s.Vectors.AsSpan(s.Rows[found[i]] * s.Dimension, s.Dimension);
            if (s.Projection is { } p) p.Encode(vector, rows.AsSpan(i * width, width));
            else vector.CopyTo(rows.AsSpan(i * width, width));
        }
        return (rows, found);
    }

    /// <summary><paramref name="count"/> distinct ids drawn by a seeded generator: the same sample for the same catalog and seed.</summary>
    public IReadOnlyList<string> Sample(int count, int seed)
    {
        var s = _current;
        if (count >= s.Ids.Length) return s.Ids;
        var random = new Random(seed);
        var picked = new HashSet<int>();
        while (picked.Count < count) picked.Add(random.Next(s.Ids.Length));
        return picked.Order().Select(i => s.Ids[i]).ToList();
    }

    /// <summary>
    /// A linear score on the features as a query in the vectors' space: score(x) = q·x + offset, so
    /// <see cref="Nearest"/> (compressed scan of all codes, exact rescoring) ranks the whole catalog by it. With codes
    /// c = (x − μ)P, w·c + b = (Pw)·x + (b − (Pw)·μ).
    /// </summary>
    public (float[] Query, float Offset) LinearQuery(ReadOnlySpan<float> weights, float bias)
    {
        var s = _current;
        if (s.Projection is not { } p) return (weights.ToArray(), bias);
        if (weights.Length != p.Rank) throw new ArgumentException("The weights are not as wide as the codes.");
        var query = new float[p.Dimension];
        for (var j = 0; j < p.Rank; j++)
            TensorPrimitives.MultiplyAdd(p.Encoder.AsSpan(j * p.Dimension, p.Dimension), weights[j], query, query);
        return (query, bias - TensorPrimitives.Dot(query, p.Mean));
    }

    /// <summary>
    /// The <paramref name="k"/> nearest papers to <paramref name="query"/>: compressed SIMD scan of all codes, top M
    /// rescored exactly (or an exact f32 scan when the set is small). <paramref name="exclude"/> ids are skipped.
    /// </summary>
    public IReadOnlyList<(string Id, double Score)> Nearest(ReadOnlySpan<float> query, int k, IReadOnlySet<string>? exclude = null)
    {
        var s = _current;
        if (s.Ids.Length == 0 || query.Length != s.Dimension || k <= 0) return [];
        var want = Math.Min(s.Ids.Length, k + (exclude?.Count ?? 0));
        var hits = s.Scanner is { } scanner && s.Projection is { } p
            ? scanner.Search(query, p, s.Vectors, Math.Max(options.Value.RescoreCandidates, want), want)
            : ExactScanner.TopK(query.ToArray(), s.Vectors, s.Dimension, want);
        return hits.Where(h => exclude is null || !exclude.Contains(s.Ids[h.Id]))
            .Take(k).Select(h => (s.Ids[h.Id], (double)h.Score)).ToList();
    }

    /// <summary>
    /// The nearest papers that pass <paramref name="filters"/> on <paramref name="snapshot"/> (the filter code BM25 uses),
    /// best first: the window of nearest vectors starts at <paramref name="window"/> (default <paramref name="count"/>) and
    /// is widened fourfold until <paramref name="count"/> pass or every vector was looked at.
    /// </summary>
    public IReadOnlyList<(string Id, double Score)> NearestPassing(ReadOnlySpan<float> query, int count, SearchSnapshot snapshot,
        IndexSearchRequest filters, IReadOnlySet<string>? exclude = null, int? window = null)
    {
        var size = window ?? count;
        while (true)
        {
            var nearest = Nearest(query, Math.Min(size, Count), exclude);
            var passing = snapshot.PassingFilters(nearest.Select(n => n.Id).ToList(), filters).ToHashSet(StringComparer.Ordinal);
            if (passing.Count >= count || size >= Count) return nearest.Where(n => passing.Contains(n.Id)).Take(count).ToList();
            size *= 4;
        }
    }
}
