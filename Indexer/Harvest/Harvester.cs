using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Sources;
using PaperSearch.Indexer.Sources.Oai;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// Harvests each configured set page by page into the store. After every page its papers and the checkpoint
/// (the token for the next page and the from-date in force) are committed in ONE transaction, so a run killed
/// anywhere and started again ends with the same store as a clean run. The index then catches up from the store's
/// change sequence (it replays whatever a crash left out), so new papers are searchable page by page.
/// The same code path serves the <c>harvest</c> CLI verb and <c>HarvestJob</c>.
/// </summary>
public sealed class Harvester(
    OaiClient client, PaperStore store, PaperIndexWriter index, IOptions<HarvestOptions> options, TimeProvider time, ILogger<Harvester> logger)
{
    /// <summary>Checkpoint and run key: <c>endpoint|prefix|set</c>.</summary>
    public static string CheckpointKey(Uri endpoint, string metadataPrefix, string set) => $"{endpoint}|{metadataPrefix}|{set}";

    public async Task<HarvestResult> RunAsync(HarvestRequest request, IProgress<HarvestProgress>? progress, CancellationToken ct)
    {
        var o = options.Value;
        var endpoint = request.Endpoint ?? o.Endpoint;
        var prefix = request.MetadataPrefix ?? o.MetadataPrefix;
        var sets = request.Sets is { Count: > 0 } s ? s : o.EffectiveSets;
        var runs = new List<HarvestRun>();
        var rejected = 0;
        foreach (var set in sets)
        {
            var (run, bad) = await RunSetAsync(endpoint, prefix, set, request.From, request.InitialFrom ?? o.InitialFrom, progress, ct);
            runs.Add(run);
            rejected += bad;
        }
        return new HarvestResult(runs, rejected);
    }

    private async Task<(HarvestRun Run, int Rejected)> RunSetAsync(
        Uri endpoint, string prefix, string set, DateOnly? explicitFrom, DateOnly? initialFrom, IProgress<HarvestProgress>? progress, CancellationToken ct)
    {
        var key = CheckpointKey(endpoint, prefix, set);
        var run = new HarvestRun(0, key, time.GetUtcNow());
        var saved = explicitFrom is null ? await store.GetCheckpointAsync(key, ct) : null;
        var list = ListState.Resume(saved, explicitFrom ?? initialFrom);
        run = run with { FromDate = Format(list.From) };
        var rejected = 0;
        try
        {
            logger.LogInformation("Harvesting {Key}: from {From}, {How}", key, list.From?.ToString("yyyy-MM-dd") ?? "the beginning",
                list.Token is null ? "new list" : $"resuming after page {list.PagesDone}");
            var restarts = 0;
            while (true)
            {
                var page = list.Token is null
                    ? await client.ListRecordsAsync(endpoint, prefix, set, list.From, ct)
                    : await client.ResumeAsync(endpoint, list.Token, ct);

                if (page.ErrorCode == "badResumptionToken" && list.Token is not null && restarts < options.Value.MaxListRestarts)
                {
                    // Tokens expire (arXiv: at UTC midnight). Upserts are idempotent, so re-reading the list from its
                    // from-date repeats work but never loses or duplicates a paper.
                    restarts++;
                    logger.LogWarning("{Key}: resumptionToken rejected ({Message}); restarting the list from {From}", key, page.ErrorMessage, list.From);
                    progress?.Report(Progress(set, run, rejected, null, "resumptionToken expired; restarting the list from its from-date"));
                    list = list.Restart();
                    continue;
                }
                if (page.IsError)
                    throw new OaiHarvestException($"{key}: the OAI server answered {page.ErrorCode}: {page.ErrorMessage}");

                // noRecordsMatch is a successful empty list: it still moves `from` on to the server's date.
                var (papers, deleted, bad) = Split(page.Records);
                foreach (var r in bad) logger.LogWarning("{Key}: skipped {Record}", key, r);
                rejected += bad.Count;

                list = page.IsLastPage ? list.Complete(page.ResponseDate) : list.Next(page.ResumptionToken!, page.ResponseDate);
                // Deletions first, in their own transaction: if we die before the page commits, the page is fetched
                // again and re-marking a tombstone changes nothing.
                var gone = await store.MarkDeletedAsync(deleted, ct);
                var result = await store.UpsertAsync(papers, list.ToCheckpoint(key, time.GetUtcNow()), ct);
                if (result.ChangedIds.Count > 0 || gone > 0) await index.CatchUpAsync(ct: ct);
                run = run with
                {
                    Added = run.Added + result.Inserted, Updated = run.Updated + result.Updated,
                    Unchanged = run.Unchanged + result.Unchanged, Deleted = run.Deleted + gone,
                    Pages = run.Pages + (page.ErrorCode is null ? 1 : 0),
                    ResponseDate = Format(list.ResponseDate),
                };
                progress?.Report(Progress(set, run, rejected, page.CompleteListSize));
                if (list.Token is null) break;
            }
            run = await store.SaveRunAsync(run with { FinishedAt = time.GetUtcNow() }, ct);
            logger.LogInformation("{Key}: done, {Pages} pages, {Added} added, {Updated} updated, {Deleted} deleted; next from {From}",
                key, run.Pages, run.Added, run.Updated, run.Deleted, list.From);
            return (run, rejected);
        }
        catch (Exception e)
        {
            var error = e is OperationCanceledException && ct.IsCancellationRequested ? "cancelled" : e.Message;
            logger.LogError(e, "{Key}: harvest failed after {Pages} committed pages", key, run.Pages);
            // Recorded even when cancelled (shutdown): the committed pages stay, the run says how far it got.
            await store.SaveRunAsync(run with { FinishedAt = time.GetUtcNow(), Error = error }, CancellationToken.None);
            throw;
        }
    }

    private static HarvestProgress Progress(string set, HarvestRun run, int rejected, long? size, string? message = null) =>
        new(set, run.Pages, run.Added, run.Updated, run.Deleted, rejected, size, message);

    private static (List<Paper> Papers, List<string> Deleted, List<RejectedRecord> Rejected) Split(IReadOnlyList<SourceRecord> records)
    {
        var papers = new List<Paper>(records.Count);
        var deleted = new List<string>();
        var rejected = new List<RejectedRecord>();
        foreach (var r in records)
        {
            switch (r)
            {
                case PaperRecord p: papers.Add(p.Paper); break;
                case DeletedRecord d: deleted.Add(d.PaperId); break;
                case RejectedRecord x: rejected.Add(x); break;
            }
        }
        return (papers, deleted, rejected);
    }

    private static string? Format(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Format(DateTimeOffset? d) => d?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where the current list stands. <see cref="From"/> is the from-date of the list in progress (or, once complete,
    /// of the next one); <see cref="ResponseDate"/> is the first page's responseDate, which becomes the next from-date
    /// (arXiv's advice: the server's date, not our clock; records changed while we page carry later datestamps).
    /// In the checkpoint: <c>FromDate</c> = From ("" for the whole set), <c>LastResponseDate</c> = ResponseDate.
    /// </summary>
    private sealed record ListState(DateOnly? From, string? Token, int PagesDone, DateTimeOffset? ResponseDate)
    {
        public static ListState Resume(HarvestCheckpoint? saved, DateOnly? initialFrom)
        {
            if (saved is null) return new(initialFrom, null, 0, null);
            var from = DateOnly.TryParseExact(saved.FromDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : (DateOnly?)null;
            if (saved.ResumptionToken is null) return new(from, null, 0, null);
            var started = DateTimeOffset.TryParse(saved.LastResponseDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var r) ? r : (DateTimeOffset?)null;
            return new(from, saved.ResumptionToken, saved.PagesDone, started);
        }

        public ListState Restart() => this with { Token = null, PagesDone = 0, ResponseDate = null };

        public ListState Next(string token, DateTimeOffset responseDate) =>
            this with { Token = token, PagesDone = PagesDone + 1, ResponseDate = ResponseDate ?? responseDate };

        public ListState Complete(DateTimeOffset responseDate)
        {
            var first = ResponseDate ?? responseDate;
            return this with { From = DateOnly.FromDateTime(first.UtcDateTime), Token = null, PagesDone = PagesDone + 1, ResponseDate = first };
        }

        public HarvestCheckpoint ToCheckpoint(string key, DateTimeOffset now) =>
            new(key, Format(From) ?? "", Token, PagesDone, Format(ResponseDate), now);
    }
}
