using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

public sealed partial class PaperIndexWriter
{
    /// <summary>
    /// Compares the index with the store and repairs what a crash, a lost or truncated index folder, or a store
    /// restored from an older backup left behind. First the cheap part: the Seq the index recorded against the
    /// store's MaxSeq (an index ahead of its store cannot be trusted, so it is rebuilt), then a catch-up, then live
    /// paper count against document count. Only when those disagree is every id compared (<see cref="PatchAsync"/>):
    /// papers missing from the index are indexed, documents with no live paper are deleted, duplicates collapsed.
    /// Runs under the writer gate except for a rebuild, which serves the old index until the new one is swapped in.
    /// </summary>
    public async Task<IndexCheckResult> CheckAsync(bool repair = true, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var storeSeq = await _store.MaxSeqAsync(ct);
        var indexSeq = CommittedSeq;
        var storeLive = await _store.CountAsync(ct);
        var docs = Searcher.Stats().NumDocs;
        IndexCheckResult Result(IndexRepair action, string finding, int added = 0, int removed = 0) =>
            new(storeLive, docs, storeSeq, indexSeq, action, finding, added, removed, _openProblem, clock.Elapsed);

        if (AppliedSeq > storeSeq)
        {
            var finding = $"the index covers store changes up to Seq {AppliedSeq:N0} but the store's newest is {storeSeq:N0} (store replaced or restored from an older copy)";
            if (!repair) return Result(IndexRepair.None, finding);
            await RebuildAsync(ct);
            docs = FreshStats().NumDocs;
            return Result(IndexRepair.Rebuilt, finding);
        }

        var caughtUp = await CatchUpAsync(commit: true, allCores: true, ct);
        storeLive = await _store.CountAsync(ct);
        docs = FreshStats().NumDocs;
        if (docs == storeLive)
            return Result(IndexRepair.None, caughtUp > 0 ? $"caught up {caughtUp:N0} store changes" : "consistent");

        var mismatch = $"after catch-up the index holds {docs:N0} documents but the store {storeLive:N0} live papers (Seq {storeSeq:N0} recorded by both)";
        if (!repair) return Result(IndexRepair.None, mismatch);
        var (added, removed) = await PatchAsync(ct);
        docs = FreshStats().NumDocs;
        return Result(IndexRepair.Patched, mismatch, added, removed);
    }

    /// <summary>
    /// Walks the whole store once against the set of indexed ids and fixes every difference in the live generation.
    /// Returns how many documents were (re)added and how many deleted.
    /// </summary>
    private async Task<(int Added, int Removed)> PatchAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            var gen = _gen;
            gen.Searchers.MaybeRefreshBlocking();
            var copies = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in Searcher.AllIds())
                copies[id] = copies.GetValueOrDefault(id) + 1;

            int added = 0, removed = 0;
            await foreach (var change in _store.StreamChangedSinceAsync(0, ct))
            {
                var id = change.Paper.Id;
                var present = copies.Remove(id, out var n);
                if (change.Deleted)
                {
                    if (present) { gen.Writer.DeleteDocuments(new Term(IndexFields.Id, id)); removed += n; }
                }
                else if (n != 1)
                {
                    // Missing (n == 0) or duplicated: UpdateDocument leaves exactly one copy.
                    gen.Writer.UpdateDocument(new Term(IndexFields.Id, id), IndexFields.Build(change));
                    added++;
                    removed += Math.Max(0, n - 1);
                }
            }
            foreach (var (orphan, n) in copies) // indexed, but the store has no such paper at all
            {
                gen.Writer.DeleteDocuments(new Term(IndexFields.Id, orphan));
                removed += n;
            }
            CommitLocked(gen);
            return (added, removed);
        }
        finally { _writeGate.Release(); }
    }

    /// <summary>A full reindex whose result follows the store's Seq even where the old index claimed a higher one.</summary>
    private Task RebuildAsync(CancellationToken ct) => ReindexCoreAsync(null, trustStoreSeq: true, ct);

    /// <summary>Stats after making everything the writer holds visible (the background refresh may lag a second).</summary>
    private IndexStats FreshStats()
    {
        try { _gen.Searchers.MaybeRefreshBlocking(); }
        catch (ObjectDisposedException) { /* swapped by a reindex meanwhile: the new generation is fresh */ }
        return Searcher.Stats();
    }
}

public enum IndexRepair
{
    /// <summary>Nothing to repair (or repair was not asked for).</summary>
    None,
    /// <summary>Missing papers indexed and stray documents deleted in the live index.</summary>
    Patched,
    /// <summary>The index was rebuilt from the store (served the old one meanwhile).</summary>
    Rebuilt,
}

/// <summary>
/// What <see cref="PaperIndexWriter.CheckAsync"/> found and did. Counts are after the repair; <paramref name="OpenProblem"/>
/// is set when the index on disk could not be opened at all and a fresh one was started.
/// </summary>
public sealed record IndexCheckResult(
    int StoreLive, int IndexDocs, long StoreSeq, long IndexSeq, IndexRepair Repair, string Finding,
    int Added, int Removed, string? OpenProblem, TimeSpan Elapsed)
{
    public bool Consistent => StoreLive == IndexDocs;
}
