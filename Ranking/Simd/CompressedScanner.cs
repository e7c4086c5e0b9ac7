using System.Runtime.Intrinsics.X86;
using PaperSearch.Ranking.Compression;

namespace PaperSearch.Ranking.Simd;

/// <summary>Which code kernel a compressed scan uses.</summary>
public enum CodeKernel
{
    /// <summary>Query quantised to int8 too; int8·int8 dot (AVX-VNNI vpdpbusd or AVX2 vpmaddwd). Fastest.</summary>
    Int8,

    /// <summary>Query kept in float; float·int8 dot. More accurate, slower.</summary>
    Mixed,
}

/// <summary>Instruction set of an int8 scan: AVX-VNNI (rank % 32 == 0), AVX2 (rank % 16 == 0), or one row at a time.</summary>
public enum Int8ScanPath
{
    AvxVnni,
    Avx2,
    RowByRow,
}

/// <summary>
/// Scans int8 codes for a projected query (qV_r, see <see cref="LowRankProjection.ProjectQuery"/>):
/// score_i ≈ ⟨qV_r, c_i⟩ = scale_i·(q′·code_i), keeping the top M with bounded heaps, on all cores.
/// Follow with <see cref="ExactScanner.Rescore"/> on the f32 vectors for the final top k.
/// </summary>
public sealed class CompressedScanner(QuantizedCodes codes)
{
    public QuantizedCodes Codes { get; } = codes;

    /// <summary>The instruction set the <see cref="CodeKernel.Int8"/> scan uses on this CPU at this rank.</summary>
    public Int8ScanPath Int8Path => BestInt8Path(Codes.Rank);

    /// <param name="threads">Cores to scan on; 0 = all.</param>
    public ScoredId[] Scan(ReadOnlySpan<float> projectedQuery, int topM, CodeKernel kernel = CodeKernel.Int8, int threads = 0) =>
        kernel == CodeKernel.Int8 ? ScanInt8(projectedQuery, topM, Int8Path, threads) : ScanMixed(projectedQuery, topM, threads);

    /// <summary>Chosen at run time: the widest kernel the CPU has and the rank fits (CI machines have AVX2 only).</summary>
    internal static Int8ScanPath BestInt8Path(int rank) =>
        AvxVnni.IsSupported && rank % 32 == 0 ? Int8ScanPath.AvxVnni
        : Avx2.IsSupported && rank % 16 == 0 ? Int8ScanPath.Avx2
        : Int8ScanPath.RowByRow;

    /// <summary>The int8 scan on a given path, so tests can hold every path against the row-by-row twin.</summary>
    internal ScoredId[] ScanInt8(ReadOnlySpan<float> projectedQuery, int topM, Int8ScanPath path, int threads = 0)
    {
        CheckLength(projectedQuery);
        var (codes, n) = (Codes, Codes.Count);
        var q8 = new sbyte[codes.Rank];
        var queryScale = Int8Quantizer.QuantizeRow(projectedQuery, q8);
        return path switch
        {
            Int8ScanPath.AvxVnni => ChunkedScan.TopM(n, topM, new Int8VnniBlockScorer(q8, queryScale, codes), threads),
            Int8ScanPath.Avx2 => ChunkedScan.TopM(n, topM, new Int8Avx2BlockScorer(q8, queryScale, codes), threads),
            _ => ChunkedScan.TopM(n, topM, new Int8RowScorer(q8, queryScale, codes), threads),
        };
    }

    private ScoredId[] ScanMixed(ReadOnlySpan<float> projectedQuery, int topM, int threads)
    {
        CheckLength(projectedQuery);
        return ChunkedScan.TopM(Codes.Count, topM, new MixedRowScorer(projectedQuery.ToArray(), Codes), threads);
    }

    private void CheckLength(ReadOnlySpan<float> projectedQuery)
    {
        var r = Codes.Rank;
        if (projectedQuery.Length != r) throw new ArgumentException($"Projected query length must be r = {r}.", nameof(projectedQuery));
    }

    /// <summary>
    /// Compressed scan of the top <paramref name="topM"/>, then exact rescoring to the top <paramref name="k"/>, which reads
    /// only those <paramref name="topM"/> rows of <paramref name="vectors"/> (in the catalog: a memory-mapped vector file).
    /// </summary>
    public ScoredId[] Search(ReadOnlySpan<float> query, LowRankProjection projection, FloatRows vectors, int topM, int k,
        CodeKernel kernel = CodeKernel.Int8)
    {
        Span<float> projected = stackalloc float[projection.Rank];
        projection.ProjectQuery(query, projected);
        var candidates = Scan(projected, topM, kernel);
        return ExactScanner.Rescore(query, vectors, candidates, k);
    }
}
