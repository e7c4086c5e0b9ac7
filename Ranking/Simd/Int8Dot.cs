using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PaperSearch.Ranking.Simd;

/// <summary>
/// Exact int8·int8 dot product into int32. TensorPrimitives.Dot&lt;sbyte&gt; accumulates in sbyte and
/// overflows (packages.md §5), so this is hand-written: AVX2 sign-extend + vpmaddwd, a portable
/// Vector256 widen path, and the scalar twin every path is tested against. Lengths up to 131072 cannot
/// overflow int32 (each pair contributes at most 2·128²).
/// </summary>
public static class Int8Dot
{
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Spans must have the same length.");
        if (Avx2.IsSupported) return DotAvx2(a, b);
        if (Vector256.IsHardwareAccelerated) return DotPortable(a, b);
        return DotScalar(a, b);
    }

    internal static int DotScalar(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>16 lanes per step: vpmovsxbw to int16, vpmaddwd multiplies and adds pairs into int32.</summary>
    internal static int DotAvx2(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        var i = 0;
        for (; i + 32 <= a.Length; i += 32)
        {
            var a0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)i));
            var b0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)i));
            var a1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)(i + 16)));
            var b1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)(i + 16)));
            acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(a0, b0));
            acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(a1, b1));
        }
        if (i + 16 <= a.Length)
        {
            var a0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)i));
            var b0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)i));
            acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(a0, b0));
            i += 16;
        }
        return Vector256.Sum(acc0 + acc1) + Tail(ref ra, ref rb, i, a.Length);
    }

    /// <summary>32 lanes per step via Vector256.Widen: int16 products (|p| ≤ 16384 fits) widened to int32.</summary>
    internal static int DotPortable(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var acc = Vector256<int>.Zero;
        var i = 0;
        for (; i + 32 <= a.Length; i += 32)
        {
            var (aLo, aHi) = Vector256.Widen(Vector256.LoadUnsafe(ref ra, (nuint)i));
            var (bLo, bHi) = Vector256.Widen(Vector256.LoadUnsafe(ref rb, (nuint)i));
            var (p0, p1) = Vector256.Widen(aLo * bLo);
            var (p2, p3) = Vector256.Widen(aHi * bHi);
            acc += (p0 + p1) + (p2 + p3);
        }
        return Vector256.Sum(acc) + Tail(ref ra, ref rb, i, a.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Tail(ref sbyte a, ref sbyte b, int start, int length)
    {
        var sum = 0;
        for (var i = start; i < length; i++) sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        return sum;
    }
}
