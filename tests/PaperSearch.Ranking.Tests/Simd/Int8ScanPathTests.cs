using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Simd;
using PaperSearch.Ranking.Tests.Compression;

namespace PaperSearch.Ranking.Tests.Simd;

/// <summary>
/// Each int8 scan path against its scalar twin: the top M by <see cref="Int8Dot.DotScalar"/> of every
/// row, same ids in the same order and bit-identical scores, over ranks and row counts that exercise
/// whole blocks, ragged tails, parallel chunks, ties and a heap that never fills.
/// </summary>
public sealed class Int8ScanPathTests
{
    [Fact]
    public void RowByRow_EqualsScalarTopM() => AssertMatchesScalar(Int8ScanPath.RowByRow, [1, 5, 16, 24, 48, 64]);

    [RequiresIsaFact("Avx2")]
    public void Avx2_EqualsScalarTopM() => AssertMatchesScalar(Int8ScanPath.Avx2, [16, 32, 48, 64, 96, 128]);

    [RequiresIsaFact("AvxVnni")]
    public void AvxVnni_EqualsScalarTopM() => AssertMatchesScalar(Int8ScanPath.AvxVnni, [32, 64, 96, 128]);

    [Fact]
    public void BestPath_FallsBackToRowByRow_WhenRankFitsNoKernel() =>
        Assert.Equal(Int8ScanPath.RowByRow, CompressedScanner.BestInt8Path(24));

    [RequiresIsaFact("AvxVnni")]
    public void AvxVnni_IsExact_WhenCodesAreExtremes()
    {
        // −128 is not written by Int8Quantizer but is a valid code: the xor-0x80 trick must stay exact.
        const int rank = 64, n = 20;
        var builder = new QuantizedCodesBuilder(rank);
        for (var i = 0; i < n; i++) builder.Add(Enumerable.Range(i * rank, rank).Select(j => (sbyte)(j % 3 == 0 ? -128 : 127)).ToArray(), 1f);
        var codes = builder.Build();
        var query = Enumerable.Range(0, rank).Select(j => j % 2 == 0 ? -1f : 1f).ToArray();
        var scanner = new CompressedScanner(codes);
        Assert.Equal(scanner.ScanInt8(query, n, Int8ScanPath.RowByRow), scanner.ScanInt8(query, n, Int8ScanPath.AvxVnni));
    }

    private static void AssertMatchesScalar(Int8ScanPath path, int[] ranks)
    {
        var rng = new Random(11);
        foreach (var rank in ranks)
        foreach (var n in new[] { 0, 1, 7, 8, 9, 63, 1000, 60_003 })
        {
            // Few distinct values so that many scores tie and the id tie-break is exercised.
            var values = Enumerable.Range(0, n * rank).Select(_ => (float)rng.Next(-3, 4)).ToArray();
            var query = Enumerable.Range(0, rank).Select(_ => (float)Synthetic.Gaussian(rng)).ToArray();
            // Segments of 8 rows (every block in its own), of 1,024 (parallel chunks that start inside a segment) and the default.
            foreach (var shift in new[] { 3, 10, QuantizedCodes.DefaultSegmentShift })
            {
                var codes = Int8Quantizer.Quantize(values, rank, shift);
                foreach (var topM in new[] { 1, 10, 500 })
                    AssertSame(path, rank, n, topM, ScalarTopM(codes, query, topM), new CompressedScanner(codes).ScanInt8(query, topM, path));
            }
        }
    }

    private static void AssertSame(Int8ScanPath path, int rank, int n, int topM, ScoredId[] expected, ScoredId[] actual) =>
        Assert.True(expected.SequenceEqual(actual), $"{path} r={rank} n={n} M={topM}: first difference at " +
            $"{expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count()} of {expected.Length}/{actual.Length}");

    private static ScoredId[] ScalarTopM(QuantizedCodes codes, float[] query, int topM)
    {
        var q8 = new sbyte[codes.Rank];
        var queryScale = Int8Quantizer.QuantizeRow(query, q8);
        return Enumerable.Range(0, codes.Count)
            .Select(i => new ScoredId(i, queryScale * codes.Scale(i) * Int8Dot.DotScalar(q8, codes.Row(i))))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Id).Take(topM).ToArray();
    }
}
