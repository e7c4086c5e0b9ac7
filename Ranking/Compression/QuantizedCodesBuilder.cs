namespace PaperSearch.Ranking.Compression;

/// <summary>
/// Appends codes row by row (or in batches encoded in parallel) into <see cref="QuantizedCodes"/>' segments, so a
/// catalog can build its codes while it streams vectors, never holding the float rows or codes all at once.
/// </summary>
public sealed class QuantizedCodesBuilder
{
    private readonly List<sbyte[]> _codes = [];
    private readonly List<float[]> _scales = [];
    private readonly int _shift;

    public QuantizedCodesBuilder(int rank, int segmentShift = QuantizedCodes.DefaultSegmentShift)
    {
        if (rank < 1) throw new ArgumentOutOfRangeException(nameof(rank), "The rank must be positive.");
        // ≥ 8 rows: a segment must hold whole scan blocks; ≤ 2^30 bytes per segment keeps each an ordinary array.
        if (segmentShift < 3 || ((long)rank << segmentShift) > 1L << 30)
            throw new ArgumentOutOfRangeException(nameof(segmentShift), "A segment holds 8 rows at least and 1 GiB of codes at most.");
        (Rank, _shift) = (rank, segmentShift);
    }

    public int Rank { get; }

    public int Count { get; private set; }

    /// <summary>Adds a row already quantised (its int8 code and scale).</summary>
    public void Add(ReadOnlySpan<sbyte> code, float scale)
    {
        if (code.Length != Rank) throw new ArgumentException($"Code length must be r = {Rank}.", nameof(code));
        var row = Reserve(1);
        code.CopyTo(CodeSlot(row));
        SetScale(row, scale);
    }

    /// <summary>Quantises one float code (<see cref="Int8Quantizer.QuantizeRow"/>) and adds it.</summary>
    public void AddQuantized(ReadOnlySpan<float> code)
    {
        if (code.Length != Rank) throw new ArgumentException($"Code length must be r = {Rank}.", nameof(code));
        var row = Reserve(1);
        SetScale(row, Int8Quantizer.QuantizeRow(code, CodeSlot(row)));
    }

    /// <summary>
    /// Encodes the first <paramref name="rows"/> D-wide vectors of <paramref name="vectors"/> with <paramref name="projection"/>
    /// and adds their quantised codes, in parallel chunks (the encoding is the load's dominant cost: r dot products a row).
    /// </summary>
    public void AddEncoded(LowRankProjection projection, float[] vectors, int rows)
    {
        if (projection.Rank != Rank) throw new ArgumentException($"The projection's rank is not r = {Rank}.", nameof(projection));
        var d = projection.Dimension;
        if ((long)rows * d > vectors.Length) throw new ArgumentException("Fewer vectors than rows.", nameof(vectors));
        var first = Reserve(rows);
        const int chunk = 512;
        Parallel.For(0, (rows + chunk - 1) / chunk, c =>
        {
            Span<float> code = Rank <= 1024 ? stackalloc float[Rank] : new float[Rank];
            for (var i = c * chunk; i < Math.Min(rows, (c + 1) * chunk); i++)
            {
                projection.Encode(vectors.AsSpan(i * d, d), code);
                SetScale(first + i, Int8Quantizer.QuantizeRow(code, CodeSlot(first + i)));
            }
        });
    }

    /// <summary>The codes so far; the last segment is trimmed to its rows. The builder must not be used after.</summary>
    public QuantizedCodes Build()
    {
        var used = _codes.Count == 0 ? 0 : Count - ((_codes.Count - 1) << _shift);
        if (_codes.Count > 0 && used < 1 << _shift)
        {
            _codes[^1] = _codes[^1][..(used * Rank)];
            _scales[^1] = _scales[^1][..used];
        }
        return new QuantizedCodes(Count, Rank, _shift, [.. _codes], [.. _scales]);
    }

    /// <summary>Makes room for <paramref name="rows"/> more rows and returns the first one's index.</summary>
    private int Reserve(int rows)
    {
        var first = Count;
        if ((long)first + rows > int.MaxValue) throw new InvalidOperationException("More than 2³¹ − 1 codes.");
        Count += rows;
        while ((long)_codes.Count << _shift < Count)
        {
            _codes.Add(new sbyte[Rank << _shift]);
            _scales.Add(new float[1 << _shift]);
        }
        return first;
    }

    private Span<sbyte> CodeSlot(int row) => _codes[row >> _shift].AsSpan((row & ((1 << _shift) - 1)) * Rank, Rank);

    private void SetScale(int row, float scale) => _scales[row >> _shift][row & ((1 << _shift) - 1)] = scale;
}
