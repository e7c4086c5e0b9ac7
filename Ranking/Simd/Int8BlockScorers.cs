using PaperSearch.Ranking.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PaperSearch.Ranking.Simd;

/// <summary>
/// int8 query · int8 codes, eight rows at a time with AVX-VNNI (vpdpbusd, 32 byte products per
/// instruction). vpdpbusd multiplies unsigned by signed bytes, so each code byte is flipped to
/// c + 128 (xor 0x80, exact for every int8 including −128) and the query stays signed:
/// Σ (c_j + 128)·q_j = c·q + 128·Σq, and 128·Σq is one constant per query, subtracted once per block.
/// Needs rank % 32 == 0 (rank 64 = two loads per row, exactly one cache line).
/// </summary>
internal readonly struct Int8VnniBlockScorer : IBlockScorer
{
    private readonly Vector256<sbyte>[] _query;
    private readonly int _bias;
    private readonly float _queryScale;
    private readonly QuantizedCodes _codes;
    private readonly int _rank;

    public Int8VnniBlockScorer(sbyte[] query, float queryScale, QuantizedCodes codes)
    {
        var rank = codes.Rank;
        if (rank % 32 != 0 || query.Length != rank) throw new ArgumentException("The VNNI kernel needs rank % 32 == 0.", nameof(rank));
        _query = new Vector256<sbyte>[rank / 32];
        for (var c = 0; c < _query.Length; c++) _query[c] = Vector256.Create<sbyte>(query.AsSpan(c * 32, 32));
        var sum = 0;
        foreach (var q in query) sum += q;
        _bias = 128 * sum;
        (_queryScale, _codes, _rank) = (queryScale, codes, rank);
    }

    public Vector256<float> ScoreBlock(int first)
    {
        // A block never straddles two segments (ChunkedScan starts blocks at multiples of 8, segments hold 2^s ≥ 8 rows).
        var (segment, local) = (first >> _codes.SegmentShift, first & _codes.SegmentMask);
        ref var row = ref RowRef(segment, local);
        var scales = _codes.ScaleSegment(segment);
        if (_query.Length == 2) return ScoreBlock64(scales, local, ref row);
        var dots = RowSums.Of8(
            Partial(ref row), Partial(ref Unsafe.Add(ref row, _rank)),
            Partial(ref Unsafe.Add(ref row, 2 * _rank)), Partial(ref Unsafe.Add(ref row, 3 * _rank)),
            Partial(ref Unsafe.Add(ref row, 4 * _rank)), Partial(ref Unsafe.Add(ref row, 5 * _rank)),
            Partial(ref Unsafe.Add(ref row, 6 * _rank)), Partial(ref Unsafe.Add(ref row, 7 * _rank)));
        return RowSums.Scale(_queryScale, scales, local, dots - Vector256.Create(_bias));
    }

    /// <summary>Rank 64, the default: the query stays in two registers and each row is two straight loads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> ScoreBlock64(float[] scales, int local, ref sbyte row)
    {
        var (q0, q1) = (_query[0], _query[1]);
        var dots = RowSums.Of8(
            Partial64(ref row, q0, q1), Partial64(ref Unsafe.Add(ref row, 64), q0, q1),
            Partial64(ref Unsafe.Add(ref row, 128), q0, q1), Partial64(ref Unsafe.Add(ref row, 192), q0, q1),
            Partial64(ref Unsafe.Add(ref row, 256), q0, q1), Partial64(ref Unsafe.Add(ref row, 320), q0, q1),
            Partial64(ref Unsafe.Add(ref row, 384), q0, q1), Partial64(ref Unsafe.Add(ref row, 448), q0, q1));
        return RowSums.Scale(_queryScale, scales, local, dots - Vector256.Create(_bias));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Partial64(ref sbyte row, Vector256<sbyte> q0, Vector256<sbyte> q1)
    {
        var flip = Vector256.Create((sbyte)-128);
        var acc = AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, (Vector256.LoadUnsafe(ref row) ^ flip).AsByte(), q0);
        return AvxVnni.MultiplyWideningAndAdd(acc, (Vector256.LoadUnsafe(ref row, 32) ^ flip).AsByte(), q1);
    }

    public float Score(int row) =>
        _queryScale * _codes.Scale(row) * (Vector256.Sum(Partial(ref RowRef(row >> _codes.SegmentShift, row & _codes.SegmentMask))) - _bias);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref sbyte RowRef(int segment, int local) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes.CodeSegment(segment)), (nint)local * _rank);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<int> Partial(ref sbyte row)
    {
        ref var q = ref MemoryMarshal.GetArrayDataReference(_query);
        var flip = Vector256.Create((sbyte)-128);
        var acc = Vector256<int>.Zero;
        for (var c = 0; c < _query.Length; c++)
            acc = AvxVnni.MultiplyWideningAndAdd(acc, (Vector256.LoadUnsafe(ref row, (nuint)(c * 32)) ^ flip).AsByte(), Unsafe.Add(ref q, c));
        return acc;
    }
}

/// <summary>
/// The same product with plain AVX2, eight rows at a time: codes sign-extended to int16 (vpmovsxbw)
/// against the query widened once, vpmaddwd into int32. Needs rank % 16 == 0.
/// </summary>
internal readonly struct Int8Avx2BlockScorer : IBlockScorer
{
    private readonly Vector256<short>[] _query;
    private readonly float _queryScale;
    private readonly QuantizedCodes _codes;
    private readonly int _rank;

    public Int8Avx2BlockScorer(sbyte[] query, float queryScale, QuantizedCodes codes)
    {
        var rank = codes.Rank;
        if (rank % 16 != 0 || query.Length != rank) throw new ArgumentException("The AVX2 kernel needs rank % 16 == 0.", nameof(rank));
        _query = new Vector256<short>[rank / 16];
        var wide = Array.ConvertAll(query, q => (short)q);
        for (var c = 0; c < _query.Length; c++) _query[c] = Vector256.Create<short>(wide.AsSpan(c * 16, 16));
        (_queryScale, _codes, _rank) = (queryScale, codes, rank);
    }

    public Vector256<float> ScoreBlock(int first)
    {
        // A block never straddles two segments (ChunkedScan starts blocks at multiples of 8, segments hold 2^s ≥ 8 rows).
        var (segment, local) = (first >> _codes.SegmentShift, first & _codes.SegmentMask);
        ref var row = ref RowRef(segment, local);
        var scales = _codes.ScaleSegment(segment);
        if (_query.Length == 4) return ScoreBlock64(scales, local, ref row);
        var dots = RowSums.Of8(
            Partial(ref row), Partial(ref Unsafe.Add(ref row, _rank)),
            Partial(ref Unsafe.Add(ref row, 2 * _rank)), Partial(ref Unsafe.Add(ref row, 3 * _rank)),
            Partial(ref Unsafe.Add(ref row, 4 * _rank)), Partial(ref Unsafe.Add(ref row, 5 * _rank)),
            Partial(ref Unsafe.Add(ref row, 6 * _rank)), Partial(ref Unsafe.Add(ref row, 7 * _rank)));
        return RowSums.Scale(_queryScale, scales, local, dots);
    }

    /// <summary>Rank 64, the default: the widened query stays in four registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> ScoreBlock64(float[] scales, int local, ref sbyte row)
    {
        var (q0, q1, q2, q3) = (_query[0], _query[1], _query[2], _query[3]);
        var dots = RowSums.Of8(
            Partial64(ref row, q0, q1, q2, q3), Partial64(ref Unsafe.Add(ref row, 64), q0, q1, q2, q3),
            Partial64(ref Unsafe.Add(ref row, 128), q0, q1, q2, q3), Partial64(ref Unsafe.Add(ref row, 192), q0, q1, q2, q3),
            Partial64(ref Unsafe.Add(ref row, 256), q0, q1, q2, q3), Partial64(ref Unsafe.Add(ref row, 320), q0, q1, q2, q3),
            Partial64(ref Unsafe.Add(ref row, 384), q0, q1, q2, q3), Partial64(ref Unsafe.Add(ref row, 448), q0, q1, q2, q3));
        return RowSums.Scale(_queryScale, scales, local, dots);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Partial64(ref sbyte row, Vector256<short> q0, Vector256<short> q1, Vector256<short> q2, Vector256<short> q3) =>
        (Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref row)), q0)
         + Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref row, 16)), q1))
        + (Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref row, 32)), q2)
         + Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref row, 48)), q3));

    public float Score(int row) =>
        _queryScale * _codes.Scale(row) * Vector256.Sum(Partial(ref RowRef(row >> _codes.SegmentShift, row & _codes.SegmentMask)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref sbyte RowRef(int segment, int local) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes.CodeSegment(segment)), (nint)local * _rank);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<int> Partial(ref sbyte row)
    {
        ref var q = ref MemoryMarshal.GetArrayDataReference(_query);
        var acc = Vector256<int>.Zero;
        for (var c = 0; c < _query.Length; c++)
            acc += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref row, (nuint)(c * 16))), Unsafe.Add(ref q, c));
        return acc;
    }
}

/// <summary>Shared tail of the block kernels: eight rows' lane partials → eight sums → scaled scores.</summary>
internal static class RowSums
{
    /// <summary>
    /// Lane i of the result = the sum of the 8 lanes of row i: pairwise unpack-and-add (32-bit, then
    /// 64-bit), then one cross-half add; 21 instructions for 8 rows instead of 8 separate reductions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Of8(Vector256<int> r0, Vector256<int> r1, Vector256<int> r2, Vector256<int> r3,
        Vector256<int> r4, Vector256<int> r5, Vector256<int> r6, Vector256<int> r7)
    {
        // Per 128-bit half: [a0+a2, b0+b2, a1+a3, b1+b3].
        var s01 = Avx2.UnpackLow(r0, r1) + Avx2.UnpackHigh(r0, r1);
        var s23 = Avx2.UnpackLow(r2, r3) + Avx2.UnpackHigh(r2, r3);
        var s45 = Avx2.UnpackLow(r4, r5) + Avx2.UnpackHigh(r4, r5);
        var s67 = Avx2.UnpackLow(r6, r7) + Avx2.UnpackHigh(r6, r7);
        // Per 128-bit half: [a, b, c, d], each that half's partial sum.
        // (Shuffled as 64-bit pairs but added as 32-bit lanes: a 64-bit add would carry between rows.)
        var t0 = Avx2.UnpackLow(s01.AsInt64(), s23.AsInt64()).AsInt32() + Avx2.UnpackHigh(s01.AsInt64(), s23.AsInt64()).AsInt32();
        var t1 = Avx2.UnpackLow(s45.AsInt64(), s67.AsInt64()).AsInt32() + Avx2.UnpackHigh(s45.AsInt64(), s67.AsInt64()).AsInt32();
        return Avx2.Permute2x128(t0, t1, 0x20) + Avx2.Permute2x128(t0, t1, 0x31);
    }

    /// <summary>queryScale·scale_i·dot_i, in the same order of operations as the scalar twins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Scale(float queryScale, float[] scales, int first, Vector256<int> dots) =>
        Vector256.Create(queryScale) * Vector256.Create<float>(scales.AsSpan(first, 8))
        * Vector256.ConvertToSingle(dots);
}
