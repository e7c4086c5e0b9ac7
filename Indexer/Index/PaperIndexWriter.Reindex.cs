using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

public sealed partial class PaperIndexWriter
{
    /// <summary>
    /// Rebuilds the whole index from the store into a new generation while searches and catch-ups keep using the
    /// old one, then (briefly holding the writer gate) replays changes made meanwhile, commits, and swaps the new
    /// generation in atomically. A crash before the swap leaves the old index in force; its leftovers are removed
    /// on the next open. The replaced generation stays on disk for <see cref="IndexOptions.RetiredGenerationGraceSeconds"/>
    /// (replicas in other processes may still read it) and is deleted by a later reindex, merge or open.
    /// </summary>
    public Task ReindexAsync(IProgress<ReindexProgress>? progress = null, CancellationToken ct = default) =>
        ReindexCoreAsync(progress, trustStoreSeq: false, ct);

    /// <param name="trustStoreSeq">Record the store's Seq even when the old index claimed a higher one (it was ahead
    /// of a replaced store; keeping its Seq would make later catch-ups skip the store's next changes).</param>
    private async Task ReindexCoreAsync(IProgress<ReindexProgress>? progress, bool trustStoreSeq, CancellationToken ct)
    {
        var total = await _store.CountAsync(ct);
        var gen = IndexGeneration.CreateNext(_folder, _options);
        try
        {
            long seq = 0;
            await ApplyChangesAsync(gen, 0, s => seq = s, n => progress?.Report(new ReindexProgress(n, total)), allCores: true, ct);

            await _writeGate.WaitAsync(ct);
            try
            {
                await ApplyChangesAsync(gen, seq, s => seq = s, null, allCores: false, ct);
                if (!trustStoreSeq) seq = Math.Max(seq, AppliedSeq);
                gen.Commit(seq);
                gen.Searchers.MaybeRefreshBlocking();
                _folder.Publish(gen.Name);
                var old = _gen;
                _gen = gen;
                Interlocked.Exchange(ref _appliedSeq, seq);
                old.Dispose();
                // The old generation is retired, not deleted: web replicas may search it until their next refresh.
                _folder.Sweep(gen.Name, _options.RetiredGeneration, includeUnpublished: false);
            }
            finally { _writeGate.Release(); }
        }
        catch
        {
            if (!ReferenceEquals(_gen, gen))
            {
                gen.Dispose();
                GenerationFolder.Delete(gen.Path);
            }
            throw;
        }
    }
}
