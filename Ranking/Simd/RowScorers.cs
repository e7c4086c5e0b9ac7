using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using PaperSearch.Ranking.Compression;

namespace PaperSearch.Ranking.Simd;

/// <summary>Exact f32 dot of one query against row-major vectors.</summary>
internal readonly struct FloatRowScorer(float[] query, FloatRows rows) : IBlockScorer
{
    public Vector256<float> ScoreBlock(int first) => RowByRow.Block(this, first);

    public float Score(int row) => TensorPrimitives.Dot(query, rows.Row(row));
}

/// <summary>int8 query · int8 code per row (<see cref="Int8Dot"/>), rescaled by both scales: any rank, any CPU.</summary>
internal readonly struct Int8RowScorer(sbyte[] query, float queryScale, QuantizedCodes codes) : IBlockScorer
{
    public Vector256<float> ScoreBlock(int first) => RowByRow.Block(this, first);

    public float Score(int row) => queryScale * codes.Scale(row) * Int8Dot.Dot(query, codes.Row(row));
}

/// <summary>float query · int8 code, rescaled by the code's scale.</summary>
internal readonly struct MixedRowScorer(float[] query, QuantizedCodes codes) : IBlockScorer
{
    public Vector256<float> ScoreBlock(int first) => RowByRow.Block(this, first);

    public float Score(int row) => codes.Scale(row) * MixedDot.Dot(query, codes.Row(row));
}

/// <summary>A block made of eight single-row scores, for scorers whose per-row cost dwarfs the packing.</summary>
internal static class RowByRow
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Block<TScorer>(TScorer s, int first) where TScorer : struct, IBlockScorer =>
        Vector256.Create(s.Score(first), s.Score(first + 1), s.Score(first + 2), s.Score(first + 3),
            s.Score(first + 4), s.Score(first + 5), s.Score(first + 6), s.Score(first + 7));
}
