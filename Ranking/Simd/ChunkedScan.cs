namespace PaperSearch.Ranking.Simd;

/// <summary>
/// Scores rows [0, n) with a per-row scorer, one bounded heap per chunk, chunks in parallel once n is
/// large enough to pay for the threads, then merges the heaps.
/// </summary>
internal static class ChunkedScan
{
    private const int ParallelThreshold = 50_000;

    public static ScoredId[] TopM(int n, int m, Func<int, float> score)
    {
        var chunks = n >= ParallelThreshold ? Environment.ProcessorCount : 1;
        var heaps = new BoundedTopK[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            var heap = new BoundedTopK(m);
            var end = (int)((long)n * (c + 1) / chunks);
            for (var i = (int)((long)n * c / chunks); i < end; i++) heap.Offer(i, score(i));
            heaps[c] = heap;
        });
        for (var c = 1; c < chunks; c++) heaps[0].OfferAll(heaps[c]);
        return heaps[0].ToSortedArray();
    }
}
