namespace PaperSearch.Indexer.Index;

public sealed partial class PaperIndexWriter
{
    /// <summary>
    /// Nightly "optimise": merges the live generation down to at most <paramref name="maxSegments"/> segments (and
    /// drops deleted documents left by updates), commits, and refreshes searchers. Holds the writer gate, so
    /// catch-ups wait; searches continue on the old segments meanwhile. Cancellation is checked before the merge
    /// starts (a Lucene merge cannot be interrupted safely). Returns the segment counts before and after.
    /// </summary>
    public async Task<MergeResult> ForceMergeAsync(int maxSegments = 1, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        await _writeGate.WaitAsync(ct);
        try
        {
            var gen = _gen;
            var before = Searcher.Stats();
            ct.ThrowIfCancellationRequested();
            // Merging is disk and CPU work measured in seconds to minutes: keep it off the caller's thread.
            await Task.Run(() => gen.Writer.ForceMerge(maxSegments, doWait: true), ct);
            CommitLocked(gen);
            // Nightly is also when generations retired by a reindex have outlived their grace period.
            _folder.Sweep(gen.Name, _options.RetiredGeneration, includeUnpublished: false);
            var after = Searcher.Stats();
            return new MergeResult(before.Segments, after.Segments, before.MaxDoc - before.NumDocs);
        }
        finally { _writeGate.Release(); }
    }
}
