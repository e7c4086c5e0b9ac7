namespace PaperSearch.Ranking.Compression;

/// <summary>
/// n codes of length r as int8 in one contiguous array (row i at [i·r, (i+1)·r)) with one float
/// scale per row: c_i ≈ scale_i · q_i. One array keeps the scan a straight memory stream.
/// </summary>
public sealed record QuantizedCodes(int Count, int Rank, sbyte[] Codes, float[] Scales)
{
    public ReadOnlySpan<sbyte> Row(int i) => Codes.AsSpan(i * Rank, Rank);
}

/// <summary>Symmetric per-vector int8 quantisation: scale = max|c|/127, q = round(c/scale).</summary>
public static class Int8Quantizer
{
    /// <summary>Quantises a row-major n×r block of float codes.</summary>
    public static QuantizedCodes Quantize(ReadOnlySpan<float> codes, int rank)
    {
        if (rank < 1 || codes.Length % rank != 0) throw new ArgumentException("Codes must be a multiple of the rank.", nameof(codes));
        var n = codes.Length / rank;
        var q = new sbyte[codes.Length];
        var scales = new float[n];
        for (var i = 0; i < n; i++) scales[i] = QuantizeRow(codes.Slice(i * rank, rank), q.AsSpan(i * rank, rank));
        return new QuantizedCodes(n, rank, q, scales);
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
