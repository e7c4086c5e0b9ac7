using System.Numerics.Tensors;

namespace PaperSearch.Ranking.Simd;

/// <summary>Exact f32 dot of one query against row-major vectors.</summary>
internal readonly struct FloatRowScorer(float[] query, float[] vectors, int dimension) : IRowScorer
{
    public float Score(int row) => TensorPrimitives.Dot(query, vectors.AsSpan(row * dimension, dimension));
}

/// <summary>int8 query · int8 code, rescaled by both scales.</summary>
internal readonly struct Int8RowScorer(sbyte[] query, float queryScale, sbyte[] codes, float[] scales, int rank) : IRowScorer
{
    public float Score(int row) => queryScale * scales[row] * Int8Dot.Dot(query, codes.AsSpan(row * rank, rank));
}

/// <summary>float query · int8 code, rescaled by the code's scale.</summary>
internal readonly struct MixedRowScorer(float[] query, sbyte[] codes, float[] scales, int rank) : IRowScorer
{
    public float Score(int row) => scales[row] * MixedDot.Dot(query, codes.AsSpan(row * rank, rank));
}
