namespace PaperSearch.Ranking.Simd;

/// <summary>Scores one row; a struct implementation lets the JIT inline it into the scan loop.</summary>
internal interface IRowScorer
{
    float Score(int row);
}

/// <summary>
/// Scores rows [0, n), one bounded heap per chunk, chunks in parallel once n is large enough to pay
/// for the threads, then merges the heaps.
/// </summary>
internal static class ChunkedScan
{
    private const int ParallelThreshold = 50_000;

    public static ScoredId[] TopM<TScorer>(int n, int m, TScorer scorer) where TScorer : struct, IRowScorer
    {
        var chunks = n >= ParallelThreshold ? Environment.ProcessorCount : 1;
        var heaps = new BoundedTopK[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            var heap = new BoundedTopK(m);
            var end = (int)((long)n * (c + 1) / chunks);
            for (var i = (int)((long)n * c / chunks); i < end; i++) heap.Offer(i, scorer.Score(i));
            heaps[c] = heap;
        });
        for (var c = 1; c < chunks; c++) heaps[0].OfferAll(heaps[c]);
        return heaps[0].ToSortedArray();
    }
}
