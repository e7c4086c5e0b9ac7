using PaperSearch.Ranking.Compression;

namespace PaperSearch.Ranking.Simd;

/// <summary>Which code kernel a compressed scan uses.</summary>
public enum CodeKernel
{
    /// <summary>Query quantised to int8 too; int8·int8 dot (AVX2 vpmaddwd). Fastest.</summary>
    Int8,

    /// <summary>Query kept in float; float·int8 dot. More accurate, slower.</summary>
    Mixed,
}

/// <summary>
/// Scans int8 codes for a projected query (qV_r, see <see cref="LowRankProjection.ProjectQuery"/>):
/// score_i ≈ ⟨qV_r, c_i⟩ = scale_i·(q′·code_i), keeping the top M with bounded heaps, on all cores.
/// Follow with <see cref="ExactScanner.Rescore"/> on the f32 vectors for the final top k.
/// </summary>
public sealed class CompressedScanner(QuantizedCodes codes)
{
    public QuantizedCodes Codes { get; } = codes;

    public ScoredId[] Scan(ReadOnlySpan<float> projectedQuery, int topM, CodeKernel kernel = CodeKernel.Int8)
    {
        var r = Codes.Rank;
        if (projectedQuery.Length != r) throw new ArgumentException($"Projected query length must be r = {r}.", nameof(projectedQuery));
        var data = Codes.Codes;
        var scales = Codes.Scales;
        if (kernel == CodeKernel.Mixed)
        {
            var q = projectedQuery.ToArray();
            return ChunkedScan.TopM(Codes.Count, topM, new MixedRowScorer(q, data, scales, r));
        }
        var q8 = new sbyte[r];
        var queryScale = Int8Quantizer.QuantizeRow(projectedQuery, q8);
        return ChunkedScan.TopM(Codes.Count, topM, new Int8RowScorer(q8, queryScale, data, scales, r));
    }

    /// <summary>Compressed scan of the top <paramref name="topM"/>, then exact rescoring to the top <paramref name="k"/>.</summary>
    public ScoredId[] Search(ReadOnlySpan<float> query, LowRankProjection projection, float[] vectors, int topM, int k,
        CodeKernel kernel = CodeKernel.Int8)
    {
        Span<float> projected = stackalloc float[projection.Rank];
        projection.ProjectQuery(query, projected);
        var candidates = Scan(projected, topM, kernel);
        return ExactScanner.Rescore(query, vectors, projection.Dimension, candidates, k);
    }
}
