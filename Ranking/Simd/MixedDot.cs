using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PaperSearch.Ranking.Simd;

/// <summary>
/// float query · int8 code: Σ q_j c_j with the code widened to float in registers, so the query keeps
/// full precision (only the code is quantised). Vector256 path plus its scalar twin.
/// </summary>
public static class MixedDot
{
    public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> code)
    {
        if (query.Length != code.Length) throw new ArgumentException("Spans must have the same length.");
        return Vector256.IsHardwareAccelerated ? DotVector256(query, code) : DotScalar(query, code);
    }

    internal static float DotScalar(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> code)
    {
        var sum = 0f;
        for (var i = 0; i < query.Length; i++) sum += query[i] * code[i];
        return sum;
    }

    /// <summary>32 codes per step: sbyte → short → int → float, four FMA accumulators.</summary>
    internal static float DotVector256(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> code)
    {
        ref var rq = ref MemoryMarshal.GetReference(query);
        ref var rc = ref MemoryMarshal.GetReference(code);
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        var i = 0;
        for (; i + 32 <= code.Length; i += 32)
        {
            var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref rc, (nuint)i));
            var (c0, c1) = Vector256.Widen(lo);
            var (c2, c3) = Vector256.Widen(hi);
            acc0 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(c0), Vector256.LoadUnsafe(ref rq, (nuint)i), acc0);
            acc1 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(c1), Vector256.LoadUnsafe(ref rq, (nuint)(i + 8)), acc1);
            acc2 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(c2), Vector256.LoadUnsafe(ref rq, (nuint)(i + 16)), acc2);
            acc3 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(c3), Vector256.LoadUnsafe(ref rq, (nuint)(i + 24)), acc3);
        }
        var sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; i < code.Length; i++) sum += query[i] * code[i];
        return sum;
    }
}
