using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Compression;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>What one catalog load produced: ids in row order, their f32 rows outside the heap, the codes if compressed.</summary>
internal sealed record LoadedVectors(string[] Ids, VectorBlock Rows, QuantizedCodes? Codes, string? File);

/// <summary>
/// The three ways a catalog gets its rows, each building the int8 codes batch by batch as the rows go by (encode with
/// the projection, quantise), so neither the f32 rows nor float codes ever sit in the heap all at once:
/// <list type="bullet">
/// <item>from a published vector file (one sequential pass that also verifies it; the rows are then mapped);</item>
/// <item>from the store into a new vector file (the process that writes), published atomically, then mapped;</item>
/// <item>from the store into native memory (a read-only process that finds no file yet: the old in-process layout).</item>
/// </list>
/// </summary>
internal static class VectorLoad
{
    public static LoadedVectors FromFile(string path, int dimension, LowRankProjection? projection)
    {
        var codes = Codes(projection);
        var opened = VectorFile.Read(path, dimension, codes is null ? null : (batch, rows) => codes.AddEncoded(projection!, batch, rows));
        return new LoadedVectors(opened.Ids, opened.Rows, codes?.Build(), path);
    }

    public static async Task<LoadedVectors> PublishFromStoreAsync(PaperStore store, string model, int dimension, VectorFolder folder,
        LowRankProjection? projection, CancellationToken ct)
    {
        var codes = Codes(projection);
        string path;
        string[] ids;
        using (var writer = new VectorFileWriter(folder.TemporaryPath(model), dimension))
        {
            await StreamAsync(store, model, dimension, (id, vector) => { writer.Add(id, vector); return true; }, codes, projection, ct);
            // Named by what it holds, which may differ from the count read before streaming if vectors came meanwhile.
            path = folder.NextPath(model, writer.Count);
            ids = writer.Publish(path);
        }
        var opened = VectorFile.Map(path, dimension, ids);
        folder.Sweep(model, path);
        return new LoadedVectors(ids, opened.Rows, codes?.Build(), path);
    }

    public static async Task<LoadedVectors> InProcessFromStoreAsync(PaperStore store, string model, int dimension, int expected,
        LowRankProjection? projection, CancellationToken ct)
    {
        var codes = Codes(projection);
        var block = VectorBlock.Allocate(expected, dimension);
        var ids = new List<string>(expected);
        try
        {
            // Rows beyond the count read before streaming were added meanwhile: the next fingerprint check loads them.
            await StreamAsync(store, model, dimension, (id, vector) =>
            {
                if (ids.Count == expected) return false;
                vector.CopyTo(block.RowToWrite(ids.Count));
                ids.Add(id);
                return true;
            }, codes, projection, ct);
        }
        catch
        {
            block.Release();
            throw;
        }
        block.Truncate(ids.Count);
        return new LoadedVectors([.. ids], block, codes?.Build(), null);
    }

    private static QuantizedCodesBuilder? Codes(LowRankProjection? projection) => projection is null ? null : new(projection.Rank);

    /// <summary>
    /// Every vector of the model of width <paramref name="dimension"/>, in id order, to <paramref name="take"/>, and
    /// those it takes (returns true for) to the codes.
    /// </summary>
    private static async Task StreamAsync(PaperStore store, string model, int dimension, Func<string, float[], bool> take,
        QuantizedCodesBuilder? codes, LowRankProjection? projection, CancellationToken ct)
    {
        var batch = codes is null ? null : new float[VectorFile.BatchRows * dimension];
        var inBatch = 0;
        await foreach (var e in store.StreamEmbeddingsAsync(model, ct))
        {
            if (e.Vector.Length != dimension || !take(e.PaperId, e.Vector) || batch is null) continue;
            e.Vector.CopyTo(batch.AsSpan(inBatch * dimension));
            if (++inBatch < VectorFile.BatchRows) continue;
            codes!.AddEncoded(projection!, batch, inBatch);
            inBatch = 0;
        }
        if (inBatch > 0) codes!.AddEncoded(projection!, batch!, inBatch);
    }
}
