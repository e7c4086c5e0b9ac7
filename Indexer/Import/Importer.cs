using System.Diagnostics;
using System.Threading.Channels;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Sources;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Import;

/// <summary>
/// Imports files (any format <see cref="SourceReader"/> reads) into the store and the index. Three stages run
/// concurrently so both cores stay busy: parsing (a background thread) → storing batches of
/// <see cref="BatchSize"/> papers → the index following the store's Seq. The index commits every
/// <see cref="PaperIndexWriter.CatchUpCommitEvery"/> (as any long catch-up does) and at the end; a crash in between is repaired by <see cref="PaperIndexWriter.CatchUpAsync"/> on the next open. Re-importing the
/// same file changes nothing: every record is counted unchanged and no document is added.
/// </summary>
public sealed class Importer(PaperStore store, PaperIndexWriter index)
{
    public const int BatchSize = 1000;
    public const int MaxRejectionsKept = 1000;

    /// <param name="stop">
    /// Asks the import to stop (Ctrl+C, SIGTERM): the batch being stored is finished, batches not yet stored are
    /// dropped, the index is brought up to the store and committed, and the summary comes back with
    /// <see cref="ImportSummary.Stopped"/> set. Running the same import again resumes: the stored records count as
    /// unchanged and the rest are added, so nothing is lost or doubled.
    /// </param>
    public async Task<ImportSummary> ImportAsync(IReadOnlyList<string> paths, IProgress<ImportProgress>? progress = null, CancellationToken stop = default)
    {
        foreach (var path in paths)
            if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"No file or directory at '{path}'.", path);

        var clock = Stopwatch.StartNew();
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var stored = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        // Only a failure cancels the stages' work in progress; a stop request ends the reading and is honoured
        // between batches, so a batch is never cut in the middle.
        using var failed = new CancellationTokenSource();
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(failed.Token, stop);

        var tally = new Tally();
        var reading = Task.Run(() => Read(paths, batches.Writer, stopReading.Token, stop), failed.Token);
        var indexing = Task.Run(() => FollowStoreAsync(stored.Reader, failed.Token), failed.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(failed.Token))
            {
                if (stop.IsCancellationRequested) break;
                await StoreAsync(batch, tally, failed.Token);
                stored.Writer.TryWrite(true);
                progress?.Report(tally.Progress(clock.Elapsed));
            }
            await stopReading.CancelAsync(); // a reader still filling the channel after a stop ends now
            await reading;
            stored.Writer.Complete();
            await indexing;
        }
        catch
        {
            await failed.CancelAsync();
            stored.Writer.TryComplete();
            await Task.WhenAll(reading, indexing).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        var indexed = await index.CatchUpAsync(commit: true, ct: CancellationToken.None);
        clock.Stop();
        progress?.Report(tally.Progress(clock.Elapsed));
        return tally.Summary(clock.Elapsed, tally.Indexed + indexed, stop.IsCancellationRequested);

        async Task FollowStoreAsync(ChannelReader<bool> signals, CancellationToken token)
        {
            var committed = clock.Elapsed;
            await foreach (var _ in signals.ReadAllAsync(token))
            {
                var commit = clock.Elapsed - committed >= PaperIndexWriter.CatchUpCommitEvery;
                tally.Indexed += await index.CatchUpAsync(commit, ct: token);
                if (commit) committed = clock.Elapsed;
            }
        }
    }

    private async Task StoreAsync(Batch batch, Tally tally, CancellationToken ct)
    {
        if (batch.Papers.Count > 0)
        {
            var r = await store.UpsertAsync(batch.Papers, ct: ct);
            tally.Inserted += r.Inserted;
            tally.Updated += r.Updated;
            tally.Unchanged += r.Unchanged;
            tally.Merged += r.Merged;
        }
        if (batch.Summaries.Count > 0) tally.Summaries += await store.UpsertSummariesAsync(batch.Summaries, ct);
        if (batch.Deleted.Count > 0) tally.Deleted += await store.MarkDeletedAsync(batch.Deleted, ct);
        tally.Read += batch.Read;
        tally.SummaryRecords += batch.Summaries.Count;
        tally.DeletionRecords += batch.Deleted.Count;
        foreach (var rejection in batch.Rejections)
        {
            tally.Rejected++;
            if (tally.Rejections.Count < MaxRejectionsKept) tally.Rejections.Add(rejection);
        }
    }

    /// <summary>
    /// Parses on a background thread (the readers are synchronous, CPU-bound) and hands batches over. A stop request
    /// ends the reading quietly (the channel completes without an error); anything else is passed on as the failure.
    /// </summary>
    private static async Task Read(IReadOnlyList<string> paths, ChannelWriter<Batch> writer, CancellationToken ct, CancellationToken stop)
    {
        try
        {
            var batch = new Batch();
            foreach (var path in paths)
                foreach (var record in SourceReader.Read(path, ct))
                {
                    batch.Add(record);
                    if (!batch.IsFull) continue;
                    await writer.WriteAsync(batch, ct);
                    batch = new Batch();
                }
            if (batch.Read > 0) await writer.WriteAsync(batch, ct);
            writer.Complete();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            throw;
        }
    }

    private sealed class Batch
    {
        public List<Paper> Papers { get; } = new(BatchSize);
        public List<(string, AiSummary, string)> Summaries { get; } = [];
        public List<string> Deleted { get; } = [];
        public List<ImportRejection> Rejections { get; } = [];
        public int Read { get; private set; }
        public bool IsFull => Papers.Count >= BatchSize || Summaries.Count >= BatchSize || Read >= 4 * BatchSize;

        public void Add(SourceRecord record)
        {
            Read++;
            switch (record)
            {
                case PaperRecord p: Papers.Add(p.Paper); break;
                case SummaryRecord s: Summaries.Add((s.PaperId, s.Summary, s.Source)); break;
                case DeletedRecord d: Deleted.Add(d.PaperId); break;
                case RejectedRecord r: Rejections.Add(new ImportRejection(r.Source, r.Position, r.Reason)); break;
            }
        }
    }

    private sealed class Tally
    {
        public long Read;
        public int Inserted, Updated, Unchanged, Merged, Rejected, Summaries, Deleted, SummaryRecords, DeletionRecords;
        public long Indexed;
        public List<ImportRejection> Rejections { get; } = [];

        public ImportProgress Progress(TimeSpan elapsed) => new(Read, Inserted, Updated, Unchanged, Rejected, Summaries, Deleted,
            elapsed.TotalSeconds > 0 ? (Inserted + Updated + Unchanged + Merged) / elapsed.TotalSeconds : 0, Merged);

        public ImportSummary Summary(TimeSpan elapsed, long indexed, bool stopped) =>
            new(Read, Inserted, Updated, Unchanged, Rejected, Summaries, Deleted, indexed, elapsed, Rejections,
                Merged, SummaryRecords, DeletionRecords, stopped);
    }
}
