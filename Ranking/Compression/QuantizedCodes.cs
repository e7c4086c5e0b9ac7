namespace PaperSearch.Ranking.Compression;

/// <summary>
/// n codes of length r as int8 with one float scale per row (c_i ≈ scale_i · q_i), stored in segments of
/// 2^<see cref="SegmentShift"/> rows: row i is row (i mod 2^s) of segment i ≫ s. One array would cap the codes at 2³¹
/// bytes (33M papers at rank 64); segments keep every row index an int up to 2³¹ rows and the scan a straight stream
/// within a segment (a power-of-two multiple of the 8-row scan block, so no block straddles two).
/// </summary>
public sealed class QuantizedCodes
{
    /// <summary>2^16 rows: 4 MB of codes at rank 64, few enough segments that finding one costs nothing per block.</summary>
    public const int DefaultSegmentShift = 16;

    private readonly sbyte[][] _codes;
    private readonly float[][] _scales;

    internal QuantizedCodes(int count, int rank, int segmentShift, sbyte[][] codes, float[][] scales)
    {
        (Count, Rank, SegmentShift, _codes, _scales) = (count, rank, segmentShift, codes, scales);
    }

    public int Count { get; }

    public int Rank { get; }

    /// <summary>log₂ of the rows per segment.</summary>
    public int SegmentShift { get; }

    internal int SegmentMask => (1 << SegmentShift) - 1;

    /// <summary>Bytes held: codes and scales.</summary>
    public long Bytes => (long)Count * (Rank + sizeof(float));

    public ReadOnlySpan<sbyte> Row(int i) => _codes[i >> SegmentShift].AsSpan((i & SegmentMask) * Rank, Rank);

    public float Scale(int i) => _scales[i >> SegmentShift][i & SegmentMask];

    /// <summary>The codes of segment <paramref name="segment"/>, row-major (the block kernels read them directly).</summary>
    internal sbyte[] CodeSegment(int segment) => _codes[segment];

    internal float[] ScaleSegment(int segment) => _scales[segment];
}

/// <summary>Symmetric per-vector int8 quantisation: scale = max|c|/127, q = round(c/scale).</summary>
public static class Int8Quantizer
{
    /// <summary>Quantises a row-major n×r block of float codes.</summary>
    public static QuantizedCodes Quantize(ReadOnlySpan<float> codes, int rank, int segmentShift = QuantizedCodes.DefaultSegmentShift)
    {
        if (rank < 1 || codes.Length % rank != 0) throw new ArgumentException("Codes must be a multiple of the rank.", nameof(codes));
        var builder = new QuantizedCodesBuilder(rank, segmentShift);
        for (var i = 0; i < codes.Length / rank; i++) builder.AddQuantized(codes.Slice(i * rank, rank));
        return builder.Build();
    }

    /// <summary>Quantises one vector into <paramref name="destination"/> and returns its scale (0 for a zero vector).</summary>
    public static float QuantizeRow(ReadOnlySpan<float> code, Span<sbyte> destination)
    {
        var maxAbs = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(code);
        maxAbs = Math.Abs(maxAbs);
        if (!(maxAbs > 0)) { destination.Clear(); return 0; }
        var scale = maxAbs / 127f;
        var inverse = 127f / maxAbs;
        for (var j = 0; j < code.Length; j++)
            destination[j] = (sbyte)Math.Clamp(MathF.Round(code[j] * inverse, MidpointRounding.AwayFromZero), -127, 127);
        return scale;
    }
}
