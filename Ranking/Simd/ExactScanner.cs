using System.Numerics.Tensors;

namespace PaperSearch.Ranking.Simd;

/// <summary>
/// Exact f32 scoring with TensorPrimitives.Dot (within 25 % of hand-written AVX2, packages.md §5):
/// the brute-force baseline and the rescoring step after a compressed scan.
/// </summary>
public static class ExactScanner
{
    /// <summary>Brute force: the top <paramref name="k"/> rows of <paramref name="vectors"/> (row-major n×D) by dot product.</summary>
    public static ScoredId[] TopK(float[] query, float[] vectors, int dimension, int k)
    {
        if (query.Length != dimension || vectors.Length % dimension != 0) throw new ArgumentException("Shapes do not match D.");
        return ChunkedScan.TopM(vectors.Length / dimension, k, new FloatRowScorer(query, vectors, dimension));
    }

    /// <summary>Rescores <paramref name="candidates"/> exactly and returns the best <paramref name="k"/>.</summary>
    public static ScoredId[] Rescore(ReadOnlySpan<float> query, float[] vectors, int dimension, ReadOnlySpan<ScoredId> candidates, int k)
    {
        if (query.Length != dimension) throw new ArgumentException("Query length ≠ D.", nameof(query));
        var heap = new BoundedTopK(k);
        foreach (var c in candidates)
            heap.Offer(c.Id, TensorPrimitives.Dot(query, vectors.AsSpan(c.Id * dimension, dimension)));
        return heap.ToSortedArray();
    }
}
