using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PaperSearch.Ranking.Simd;

/// <summary>Exact f32 dot of one query against row-major vectors.</summary>
internal readonly struct FloatRowScorer(float[] query, float[] vectors, int dimension) : IBlockScorer
{
    public Vector256<float> ScoreBlock(int first) => RowByRow.Block(this, first);

    public float Score(int row) => TensorPrimitives.Dot(query, vectors.AsSpan(row * dimension, dimension));
}

/// <summary>int8 query · int8 code per row (<see cref="Int8Dot"/>), rescaled by both scales: any rank, any CPU.</summary>
internal readonly struct Int8RowScorer(sbyte[] query, float queryScale, sbyte[] codes, float[] scales, int rank) : IBlockScorer
{
    public Vector256<float> ScoreBlock(int first) => RowByRow.Block(this, first);

    public float Score(int row) => queryScale * scales[row] * Int8Dot.Dot(query, codes.AsSpan(row * rank, rank));
}

/// <summary>float query · int8 code, rescaled by the code's scale.</summary>
internal readonly struct MixedRowScorer(float[] query, sbyte[] codes, float[] scales, int rank) : IBlockScorer
{
    public Vector256<float> ScoreBlock(int first) => RowByRow.Block(this, first);

    public float Score(int row) => scales[row] * MixedDot.Dot(query, codes.AsSpan(row * rank, rank));
}

/// <summary>A block made of eight single-row scores, for scorers whose per-row cost dwarfs the packing.</summary>
internal static class RowByRow
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Block<TScorer>(TScorer s, int first) where TScorer : struct, IBlockScorer =>
        Vector256.Create(s.Score(first), s.Score(first + 1), s.Score(first + 2), s.Score(first + 3),
            s.Score(first + 4), s.Score(first + 5), s.Score(first + 6), s.Score(first + 7));
}
