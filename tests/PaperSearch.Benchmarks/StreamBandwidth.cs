using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PaperSearch.Ranking.Compression;

namespace PaperSearch.Benchmarks;

/// <summary>
/// The floor for a scan: one pure read of the same bytes (a SIMD xor-fold, far below one instruction
/// per loaded cache line of work), split over threads exactly as the scan splits its rows.
/// </summary>
internal static class StreamBandwidth
{
    /// <summary>
    /// Reads every byte of the codes and their scales once on <paramref name="threads"/> threads, each its share of the
    /// rows across the segments they lie in; returns a checksum so nothing is elided.
    /// </summary>
    public static long Read(int threads, QuantizedCodes codes)
    {
        var parts = new long[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var (start, end) = ((int)((long)codes.Count * t / threads), (int)((long)codes.Count * (t + 1) / threads));
            long fold = 0;
            for (var row = start; row < end;)
            {
                var (segment, local) = (row >> codes.SegmentShift, row & codes.SegmentMask);
                var rows = Math.Min(end - row, (1 << codes.SegmentShift) - local);
                fold ^= Fold(MemoryMarshal.AsBytes(codes.CodeSegment(segment).AsSpan(local * codes.Rank, rows * codes.Rank)))
                    ^ Fold(MemoryMarshal.AsBytes(codes.ScaleSegment(segment).AsSpan(local, rows)));
                row += rows;
            }
            parts[t] = fold;
        });
        return parts.Aggregate(0L, (x, y) => x ^ y);
    }

    private static long Fold(ReadOnlySpan<byte> bytes)
    {
        ref var r = ref MemoryMarshal.GetReference(bytes);
        Vector256<byte> a0 = default, a1 = default, a2 = default, a3 = default;
        var i = 0;
        for (; i + 128 <= bytes.Length; i += 128)
        {
            a0 ^= Vector256.LoadUnsafe(ref r, (nuint)i);
            a1 ^= Vector256.LoadUnsafe(ref r, (nuint)(i + 32));
            a2 ^= Vector256.LoadUnsafe(ref r, (nuint)(i + 64));
            a3 ^= Vector256.LoadUnsafe(ref r, (nuint)(i + 96));
        }
        long tail = 0;
        for (; i < bytes.Length; i++) tail ^= bytes[i];
        return (long)Vector256.Sum(((a0 ^ a1) ^ (a2 ^ a3)).AsUInt64()) ^ tail;
    }
}
