using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PaperSearch.Ranking.Simd;

namespace PaperSearch.Ranking.Tests.Simd;

/// <summary>
/// Every kernel against its scalar twin for lengths 0..256, shared by the xUnit tests and by the
/// child process that reruns them with DOTNET_EnableHWIntrinsic=0 (see <see cref="Program"/>).
/// Returns a list of failures (empty = pass).
/// </summary>
internal static class KernelChecks
{
    public static List<string> Run()
    {
        var failures = new List<string>();
        var rng = new Random(42);
        for (var n = 0; n <= 256; n++)
        for (var trial = 0; trial < 3; trial++)
        {
            var a = RandomBytes(rng, n, trial);
            var b = RandomBytes(rng, n, trial + 1);
            var expected = Int8Dot.DotScalar(a, b);
            Check(failures, $"Int8Dot.Dot n={n}", expected, Int8Dot.Dot(a, b));
            Check(failures, $"Int8Dot.DotPortable n={n}", expected, Int8Dot.DotPortable(a, b));
            if (Avx2.IsSupported) Check(failures, $"Int8Dot.DotAvx2 n={n}", expected, Int8Dot.DotAvx2(a, b));

            var q = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var exact = 0.0;
            for (var i = 0; i < n; i++) exact += (double)q[i] * b[i];
            var tol = 1e-5 * (1 + Enumerable.Range(0, n).Sum(i => Math.Abs(q[i] * b[i])));
            CheckClose(failures, $"MixedDot.DotScalar n={n}", exact, MixedDot.DotScalar(q, b), tol);
            CheckClose(failures, $"MixedDot.DotVector256 n={n}", exact, MixedDot.DotVector256(q, b), tol);
            CheckClose(failures, $"MixedDot.Dot n={n}", exact, MixedDot.Dot(q, b), tol);
        }
        ScanCheck(failures, rng);
        return failures;
    }

    /// <summary>The default int8 scan (whatever path this process dispatches to) against a scalar top M.</summary>
    private static void ScanCheck(List<string> failures, Random rng)
    {
        foreach (var rank in new[] { 24, 64 })
        {
            const int n = 1003, topM = 50;
            var codes = PaperSearch.Ranking.Compression.Int8Quantizer.Quantize(
                Enumerable.Range(0, n * rank).Select(_ => (float)rng.Next(-5, 6)).ToArray(), rank);
            var query = Enumerable.Range(0, rank).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var q8 = new sbyte[rank];
            var queryScale = PaperSearch.Ranking.Compression.Int8Quantizer.QuantizeRow(query, q8);
            var expected = Enumerable.Range(0, n).Select(i => new ScoredId(i, queryScale * codes.Scale(i) * Int8Dot.DotScalar(q8, codes.Row(i))))
                .OrderByDescending(s => s.Score).ThenBy(s => s.Id).Take(topM).ToArray();
            var actual = new CompressedScanner(codes).Scan(query, topM);
            if (!expected.SequenceEqual(actual)) failures.Add($"CompressedScanner.Scan r={rank}: top {topM} differs from the scalar twin");
        }
    }

    /// <summary>What the process runs on: proves whether the intrinsics switch took effect.</summary>
    public static string Describe() =>
        $"Avx2.IsSupported={Avx2.IsSupported} Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated}";

    /// <summary>Random int8 values; trial 0 uses only the extremes −128/127 (worst case for overflow).</summary>
    private static sbyte[] RandomBytes(Random rng, int n, int trial) =>
        Enumerable.Range(0, n).Select(_ => trial == 0 ? (sbyte)(rng.Next(2) == 0 ? -128 : 127) : (sbyte)rng.Next(-128, 128)).ToArray();

    private static void Check(List<string> failures, string what, int expected, int actual)
    {
        if (expected != actual) failures.Add($"{what}: expected {expected}, got {actual}");
    }

    private static void CheckClose(List<string> failures, string what, double expected, double actual, double tol)
    {
        if (Math.Abs(expected - actual) > tol) failures.Add($"{what}: expected {expected}, got {actual}");
    }
}
