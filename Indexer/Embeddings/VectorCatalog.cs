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
/// Every stored vector of the current model: the ids and (for large sets) the int8 PCA codes for the SIMD scan in the
/// heap, the f32 rows for exact cosines and rescoring in a memory-mapped vector file (<see cref="VectorFile"/>, shared
/// through the page cache by every process on the host). Readers see an immutable snapshot; <see cref="ReloadAsync"/>
/// swaps in a new one after an embedding run or a refit. Empty when no model is available — callers degrade to BM25.
/// </summary>
/// <param name="folder">Where vector files are published; without one (a bare test container) rows live in process memory.</param>
public sealed partial class VectorCatalog(PaperStore store, IEmbedder embedder, IOptions<SemanticOptions> options, ILogger<VectorCatalog> logger,
    VectorFolder? folder = null)
{
    /// <summary>One loaded state. Its rows are reference-counted: searches hold them while a reload retires the snapshot.</summary>
    private sealed record Snapshot(
        string[] Ids, Dictionary<string, int> Rows, VectorBlock? Vectors, int Dimension,
        LowRankProjection? Projection, CompressedScanner? Scanner, string? File, DateTimeOffset? FittedAt)
    {
        public static readonly Snapshot Empty = new([], [], null, 0, null, null, null, null);

        public FloatRows Floats => Vectors?.Rows ?? default;

        /// <summary>These ids as the index counts them; new with each load, so a reload never counts by a stale set.</summary>
        public IdMembership Members { get; } = new(Rows.ContainsKey);

        public bool TryAcquire() => Vectors?.TryAcquire() ?? true;

        public void Release() => Vectors?.Release();

        /// <summary>Drops the snapshot's own reference: the rows go once the last search reading them ends.</summary>
        public void Retire() => Vectors?.Release();
    }

    private volatile Snapshot _current = Snapshot.Empty;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Fingerprint? _loadedFrom;

    /// <summary>What a load saw: cheap to read, and it changes when vectors are added or the projection is refitted.</summary>
    private sealed record Fingerprint(int Vectors, DateTimeOffset? FittedAt);

    public int Count => _current.Ids.Length;
    public int? Rank => _current.Projection?.Rank;
    public bool IsLoaded { get; private set; }

    /// <summary>The vector file being served, or null (rows in process memory, or nothing loaded).</summary>
    public string? ServedFile => _current.File;

    /// <summary>Bytes of the int8 codes and scales in the heap (0 when the catalog scans exactly).</summary>
    public long CodeBytes => _current.Scanner?.Codes.Bytes ?? 0;

    /// <summary>The current snapshot with its rows held; pair with <see cref="Snapshot.Release"/>.</summary>
    private Snapshot Acquire()
    {
        while (true)
        {
            var s = _current;
            if (s.TryAcquire()) return s;
            // Retired between the read and the acquire: a newer snapshot is already published.
        }
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

    /// <summary>The papers with a vector, for counting them among an index's filtered documents.</summary>
    public IdMembership Members => _current.Members;

    /// <summary>The stored vector of a paper (a copy: the row lives in the mapped file), or null when it has none yet.</summary>
    public ReadOnlyMemory<float>? VectorOf(string id)
    {
        var s = Acquire();
        try
        {
            // Not "? row.ToArray() : null": null would convert to an empty memory through float[] (a vector of length 0,
            // not "none"), which once made every paper look embedded to the recommender.
            if (!s.Rows.TryGetValue(id, out var row)) return null;
            return s.Floats.Row(row).ToArray();
        }
        finally { s.Release(); }
    }

    /// <summary>Cosine (= dot, vectors are normalised) of <paramref name="query"/> with each id; null where a paper has no vector.</summary>
    public double?[] Cosines(ReadOnlySpan<float> query, IReadOnlyList<string> ids)
    {
        var s = Acquire();
        try
        {
            var result = new double?[ids.Count];
            if (query.Length != s.Dimension) return result;
            for (var i = 0; i < ids.Count; i++)
                if (s.Rows.TryGetValue(ids[i], out var row))
                    result[i] = TensorPrimitives.Dot(query, s.Floats.Row(row));
            return result;
        }
        finally { s.Release(); }
    }

    /// <summary>
    /// Width of the space a linear library model learns in (<see cref="FeaturesOf"/>): the compression's rank r when the
    /// catalog is compressed, else the vectors' dimension (a small catalog has no projection; its vectors are the codes).
    /// </summary>
    public int FeatureDimension => _current.Projection?.Rank ?? _current.Dimension;

    /// <summary>The features of each id that has a vector (row-major, <see cref="FeatureDimension"/> wide) and those ids.</summary>
    public (float[] Rows, IReadOnlyList<string> Ids) FeaturesOf(IEnumerable<string> ids)
    {
        var s = Acquire();
        try
        {
            var width = s.Projection?.Rank ?? s.Dimension;
            var found = ids.Where(s.Rows.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            var rows = new float[found.Count * width];
            for (var i = 0; i < found.Count; i++)
            {
                var vector = s.Floats.Row(s.Rows[found[i]]);
                if (s.Projection is { } p) p.Encode(vector, rows.AsSpan(i * width, width));
                else vector.CopyTo(rows.AsSpan(i * width, width));
            }
            return (rows, found);
        }
        finally { s.Release(); }
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
        var s = Acquire();
        try
        {
            if (s.Ids.Length == 0 || query.Length != s.Dimension || k <= 0) return [];
            var want = Math.Min(s.Ids.Length, k + (exclude?.Count ?? 0));
            var hits = s.Scanner is { } scanner && s.Projection is { } p
                ? scanner.Search(query, p, s.Floats, Math.Max(options.Value.RescoreCandidates, want), want)
                : ExactScanner.TopK(query.ToArray(), s.Floats, want);
            return hits.Where(h => exclude is null || !exclude.Contains(s.Ids[h.Id]))
                .Take(k).Select(h => (s.Ids[h.Id], (double)h.Score)).ToList();
        }
        finally { s.Release(); }
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
