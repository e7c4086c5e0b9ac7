using System.Numerics;
using System.Runtime.Intrinsics;

namespace PaperSearch.Ranking.Simd;

/// <summary>
/// Scores rows in blocks of <see cref="BlockRows"/>; a struct implementation lets the JIT inline it into
/// the scan loop. <see cref="Score"/> must return exactly the lane <see cref="ScoreBlock"/> gives for that row.
/// </summary>
internal interface IBlockScorer
{
    const int BlockRows = 8;

    /// <summary>Scores of rows [first, first + 8).</summary>
    Vector256<float> ScoreBlock(int first);

    float Score(int row);
}

/// <summary>
/// Scores rows [0, n), one bounded heap per chunk, chunks in parallel once n is large enough to pay
/// for the threads, then merges the heaps. Each block of scores is compared with the heap's threshold
/// at once, so the heap is touched only by the few rows that can enter it.
/// </summary>
internal static class ChunkedScan
{
    private const int ParallelThreshold = 50_000;

    /// <param name="threads">Chunks scanned in parallel; 0 = one per core.</param>
    public static ScoredId[] TopM<TScorer>(int n, int m, TScorer scorer, int threads = 0) where TScorer : struct, IBlockScorer
    {
        var chunks = n < ParallelThreshold ? 1 : threads > 0 ? threads : Environment.ProcessorCount;
        if (chunks == 1) return ScanChunk(0, n, m, scorer).ToSortedArray();
        var heaps = new BoundedTopK[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks },
            c => heaps[c] = ScanChunk(ChunkStart(n, c, chunks), ChunkStart(n, c + 1, chunks), m, scorer));
        for (var c = 1; c < chunks; c++) heaps[0].OfferAll(heaps[c]);
        return heaps[0].ToSortedArray();
    }

    /// <summary>
    /// Where chunk <paramref name="c"/> starts: a multiple of the block size, so every block a chunk scores lies inside one
    /// segment of segmented storage (<see cref="Compression.QuantizedCodes"/>); the last chunk ends at n.
    /// </summary>
    private static int ChunkStart(int n, int c, int chunks) =>
        c == chunks ? n : (int)((long)n * c / chunks) & ~(IBlockScorer.BlockRows - 1);

    private static BoundedTopK ScanChunk<TScorer>(int start, int end, int m, TScorer scorer) where TScorer : struct, IBlockScorer
    {
        var heap = new BoundedTopK(m);
        var threshold = heap.Threshold;
        var i = start;
        for (; i + IBlockScorer.BlockRows <= end; i += IBlockScorer.BlockRows)
        {
            var scores = scorer.ScoreBlock(i);
            // ≥, not >: while the heap is not full even −∞ must be offered; ties are settled by Offer.
            var passed = Vector256.GreaterThanOrEqual(scores, Vector256.Create(threshold)).ExtractMostSignificantBits();
            while (passed != 0)
            {
                var lane = BitOperations.TrailingZeroCount(passed);
                heap.Offer(i + lane, scores.GetElement(lane));
                passed &= passed - 1;
            }
            threshold = heap.Threshold;
        }
        for (; i < end; i++) heap.Offer(i, scorer.Score(i));
        return heap;
    }
}
