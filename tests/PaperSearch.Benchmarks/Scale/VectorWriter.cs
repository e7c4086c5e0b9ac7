using PaperSearch.Indexer.Store;

namespace PaperSearch.Benchmarks.Scale;

/// <summary>Stores the synthetic corpus's vectors through <see cref="PaperStore"/>, as the embedding job stores real ones.</summary>
internal static class VectorWriter
{
    private const int Batch = 2_000;

    public static async Task<long> WriteAsync(string dataDir, ScaleArgs o, IReadOnlyList<SyntheticCorpus.Donor> donors)
    {
        if (o.VectorsFrom is null) throw new ArgumentException("--vectors-from DATA_DIR is needed: a data dir with real vectors (embed --limit 3000 there first).");
        // The real vectors may be of either precision (their cosine is 0.99+): the mix only needs their spectrum. They are
        // stored under --model whatever key they were read from.
        var real = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var source = PaperStore.Open(o.VectorsFrom);
        var keys = new[] { o.Model, o.Model.EndsWith("-int8", StringComparison.Ordinal) ? o.Model[..^5] : o.Model + "-int8" };
        var from = "";
        foreach (var key in keys)
        {
            await foreach (var e in source.StreamEmbeddingsAsync(key)) real[e.PaperId] = e.Vector;
            if (real.Count > 0) { from = key; break; }
        }
        if (real.Count == 0) throw new ArgumentException($"{o.VectorsFrom} holds no '{keys[0]}' or '{keys[1]}' vectors: run `embed --limit 3000` there first.");
        Console.WriteLine($"real vectors: {real.Count:N0} '{from}' vectors from {o.VectorsFrom}");
        var byDonor = SyntheticVectors.ForDonors(donors, real, o.Seed);

        var store = PaperStore.Open(dataDir);
        var batch = new List<(string, float[])>(Batch);
        var written = 0L;
        async Task Flush()
        {
            written += await store.UpsertEmbeddingsAsync(o.Model, batch);
            batch.Clear();
        }
        var firstReal = (int)Math.Min(o.Papers, donors.Count);
        for (var i = 0; i < firstReal; i++)
        {
            batch.Add((donors[i].Id, byDonor[i]));
            if (batch.Count == Batch) await Flush();
        }
        for (var k = 0L; firstReal + k < o.Papers; k++)
        {
            var (a, b, _) = SyntheticCorpus.DonorsOf(k, donors.Count, o.Seed);
            batch.Add((SyntheticCorpus.SyntheticId(k), SyntheticVectors.ForSynthetic(byDonor[a], byDonor[b], k, o.Seed)));
            if (batch.Count == Batch) await Flush();
        }
        await Flush();
        return written;
    }
}
