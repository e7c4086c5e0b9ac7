using System.Numerics.Tensors;

namespace PaperSearch.Ranking.Simd;

/// <summary>
/// Exact f32 scoring with TensorPrimitives.Dot (within 25 % of hand-written AVX2, packages.md §5):
/// the brute-force baseline and the rescoring step after a compressed scan.
/// </summary>
public static class ExactScanner
{
    /// <summary>Brute force: the top <paramref name="k"/> rows of <paramref name="vectors"/> (row-major n×D) by dot product.</summary>
    public static unsafe ScoredId[] TopK(float[] query, float[] vectors, int dimension, int k)
    {
        if (vectors.Length % dimension != 0) throw new ArgumentException("Shapes do not match D.");
        fixed (float* data = vectors) return TopK(query, new FloatRows(data, vectors.Length / dimension, dimension), k);
    }

    /// <summary>Brute force over rows wherever they live (a mapped vector file in the catalog).</summary>
    public static ScoredId[] TopK(float[] query, FloatRows rows, int k)
    {
        if (query.Length != rows.Dimension) throw new ArgumentException("Query length ≠ D.", nameof(query));
        return ChunkedScan.TopM(rows.Count, k, new FloatRowScorer(query, rows));
    }

    /// <summary>Rescores <paramref name="candidates"/> exactly and returns the best <paramref name="k"/>.</summary>
    public static unsafe ScoredId[] Rescore(ReadOnlySpan<float> query, float[] vectors, int dimension, ReadOnlySpan<ScoredId> candidates, int k)
    {
        fixed (float* data = vectors) return Rescore(query, new FloatRows(data, vectors.Length / dimension, dimension), candidates, k);
    }

    /// <summary>
    /// Rescores <paramref name="candidates"/> exactly and returns the best <paramref name="k"/>: reads only the candidates'
    /// rows (a few hundred page reads of a mapped file, not the whole file).
    /// </summary>
    public static ScoredId[] Rescore(ReadOnlySpan<float> query, FloatRows rows, ReadOnlySpan<ScoredId> candidates, int k)
    {
        if (query.Length != rows.Dimension) throw new ArgumentException("Query length ≠ D.", nameof(query));
        var heap = new BoundedTopK(k);
        foreach (var c in candidates) heap.Offer(c.Id, TensorPrimitives.Dot(query, rows.Row(c.Id)));
        return heap.ToSortedArray();
    }
}
