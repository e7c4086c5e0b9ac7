namespace PaperSearch.Ranking.Simd;

/// <summary>
/// n row-major f32 rows of width D at a fixed address: a memory-mapped vector file, native memory or a pinned array.
/// A view only, so rows never have to be copied into the GC heap and a catalog is not bounded by one array's 2³¹
/// elements (5.59M rows of 384); whoever made it keeps the memory mapped (or pinned) while the view is in use.
/// Row offsets are computed in 64 bits: at 50M × 384 the block is 77 GB.
/// </summary>
public readonly unsafe struct FloatRows
{
    private readonly float* _data;

    public FloatRows(float* data, int count, int dimension)
    {
        if (count < 0 || dimension < 1 || (data is null && count > 0)) throw new ArgumentException("Rows need an address, a count ≥ 0 and D ≥ 1.");
        _data = data;
        (Count, Dimension) = (count, dimension);
    }

    public int Count { get; }

    public int Dimension { get; }

    public ReadOnlySpan<float> Row(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside 0..{Count - 1}.");
        return new ReadOnlySpan<float>(_data + (long)row * Dimension, Dimension);
    }
}
