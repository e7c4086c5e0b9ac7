namespace PaperSearch.Ranking.Embedding.Quantization;

/// <summary>
/// Symmetric per-column int8 quantisation of a row-major weight matrix W [K, N] (the B of <c>A·B</c>):
/// <c>scale[n] = max_k |W[k, n]| / 127</c>, <c>q[k, n] = round(W[k, n] / scale[n])</c>, zero point 0.
/// Per column because each output feature n of a MatMul has its own range (within one of MiniLM's matrices the
/// columns' max |w| differ by 4× at the median and up to 60×), and a column's scale can be applied after the integer product as one multiply per
/// output; symmetric because a zero point of 0 keeps the int8 × uint8 kernels free of correction terms.
/// The range is ±127, not −128: the grid is then symmetric, so −w quantises to −q.
/// </summary>
public static class ColumnQuantizer
{
    public const int Levels = 127;

    /// <summary>Fills <paramref name="quantized"/> (K·N, row-major) and <paramref name="scales"/> (N).</summary>
    public static void Quantize(ReadOnlySpan<float> weights, int rows, int columns, Span<sbyte> quantized, Span<float> scales)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (weights.Length != rows * columns) throw new ArgumentException($"Expected {rows}×{columns} weights, got {weights.Length}.", nameof(weights));
        if (quantized.Length != weights.Length) throw new ArgumentException("The quantized span must hold one value per weight.", nameof(quantized));
        if (scales.Length != columns) throw new ArgumentException("The scales span must hold one value per column.", nameof(scales));

        // Column maxima in one row-major pass (the matrix is read in memory order, not column by column).
        scales.Clear();
        for (var k = 0; k < rows; k++)
        {
            var row = weights.Slice(k * columns, columns);
            for (var n = 0; n < columns; n++) scales[n] = MathF.Max(scales[n], MathF.Abs(row[n]));
        }
        for (var n = 0; n < columns; n++)
        {
            if (!float.IsFinite(scales[n])) throw new ArgumentException($"Column {n} holds a non-finite weight.", nameof(weights));
            // An all-zero column quantises to zeros under any scale; 1 avoids dividing by zero.
            scales[n] = scales[n] > 0f ? scales[n] / Levels : 1f;
        }

        for (var k = 0; k < rows; k++)
        {
            var row = weights.Slice(k * columns, columns);
            var q = quantized.Slice(k * columns, columns);
            for (var n = 0; n < columns; n++)
                q[n] = (sbyte)Math.Clamp(MathF.Round(row[n] / scales[n], MidpointRounding.ToEven), -Levels, Levels);
        }
    }
}
