using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Sources;
using PaperSearch.Indexer.Sources.Oai;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// Harvests each configured set page by page. After every page its papers, its deletions and the checkpoint
/// (the token for the next page and the from-date in force) go to the sink in one transaction, so a run that is
/// killed anywhere and started again ends with the same store as a clean run. The same code path serves the
/// <c>harvest</c> CLI verb and <c>HarvestJob</c>.
/// </summary>
public sealed class Harvester(
    OaiClient client, IHarvestSink sink, IOptions<HarvestOptions> options, TimeProvider time, ILogger<Harvester> logger)
{
    public static string CheckpointKey(string metadataPrefix, string set) => $"{metadataPrefix}/{set}";

    public async Task<HarvestResult> RunAsync(HarvestRequest request, IProgress<HarvestProgress>? progress, CancellationToken ct)
    {
        var o = options.Value;
        var endpoint = request.Endpoint ?? o.Endpoint;
        var prefix = request.MetadataPrefix ?? o.MetadataPrefix;
        var sets = request.Sets is { Count: > 0 } s ? s : o.Sets;
        var results = new List<HarvestSetResult>();
        foreach (var set in sets)
            results.Add(await RunSetAsync(endpoint, prefix, set, request.From, progress, ct));
        return new HarvestResult(results);
    }

    private async Task<HarvestSetResult> RunSetAsync(
        Uri endpoint, string prefix, string set, DateOnly? explicitFrom, IProgress<HarvestProgress>? progress, CancellationToken ct)
    {
        var key = CheckpointKey(prefix, set);
        var started = time.GetUtcNow();
        var saved = explicitFrom is null ? await sink.LoadCheckpointAsync(key, ct) : null;
        var list = ListState.Resume(saved, explicitFrom ?? options.Value.InitialFrom);
        var counts = UpsertCounts.Zero;
        int pages = 0, rejected = 0;
        try
        {
            logger.LogInformation("Harvesting {Key} from {Endpoint}: from {From}, {How}", key, endpoint,
                list.From?.ToString("yyyy-MM-dd") ?? "the beginning", list.Token is null ? "new list" : $"resuming at page {list.PagesDone + 1}");
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
                    progress?.Report(new HarvestProgress(set, pages, counts.Added + counts.Updated + counts.Unchanged, counts.Deleted, rejected, null,
                        $"resumptionToken expired; restarting from {list.From?.ToString("yyyy-MM-dd") ?? "the beginning"}"));
                    list = list.Restart();
                    continue;
                }
                if (page.ErrorCode == "noRecordsMatch")
                {
                    // A successful empty list: nothing changed since `from`. Remember the server's date for next time.
                    var done = list.Complete(page.ResponseDate);
                    counts += await sink.CommitPageAsync([], [], done.ToCheckpoint(key), ct);
                    break;
                }
                if (page.ErrorCode is not null)
                    throw new OaiHarvestException($"{key}: the OAI server answered {page.ErrorCode}: {page.ErrorMessage}");

                var (papers, deleted, bad) = Split(page.Records);
                foreach (var r in bad) logger.LogWarning("{Key}: skipped {Record}", key, r);
                rejected += bad.Count;

                list = string.IsNullOrWhiteSpace(page.ResumptionToken)
                    ? list.Complete(page.ResponseDate)
                    : list.Next(page.ResumptionToken, page.ResponseDate);
                counts += await sink.CommitPageAsync(papers, deleted, list.ToCheckpoint(key), ct);
                pages++;
                progress?.Report(new HarvestProgress(set, pages, counts.Added + counts.Updated + counts.Unchanged, counts.Deleted, rejected, page.CompleteListSize));
                if (list.Token is null) break;
            }
            await sink.RecordRunAsync(new HarvestRun(key, started, time.GetUtcNow(), counts, pages, null, list.RunFrom, list.ResponseDate), ct);
            logger.LogInformation("{Key}: done, {Pages} pages, {Added} added, {Updated} updated, {Deleted} deleted; next from {From}",
                key, pages, counts.Added, counts.Updated, counts.Deleted, list.From);
            return new HarvestSetResult(key, set, pages, counts, rejected, list.RunFrom, list.ResponseDate);
        }
        catch (Exception e)
        {
            var error = e is OperationCanceledException && ct.IsCancellationRequested ? "cancelled" : e.Message;
            logger.LogError(e, "{Key}: harvest failed after {Pages} committed pages", key, pages);
            // Recorded even when cancelled (shutdown): the committed pages stay, the run says how far it got.
            await sink.RecordRunAsync(new HarvestRun(key, started, time.GetUtcNow(), counts, pages, error, list.RunFrom, list.ResponseDate),
                CancellationToken.None);
            throw;
        }
    }

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

    /// <summary>
    /// Where the current list stands. <see cref="From"/> is the from-date of the list in progress (or, once complete,
    /// of the next one); <see cref="ResponseDate"/> is the first page's responseDate, which becomes the next from-date:
    /// records that change while we page have later datestamps, so starting the next list there misses none.
    /// </summary>
    private sealed record ListState(DateOnly? From, string? Token, int PagesDone, DateTimeOffset? ResponseDate, DateOnly? RunFrom)
    {
        public static ListState Resume(HarvestCheckpoint? saved, DateOnly? from) => saved is null
            ? new(from, null, 0, null, from)
            : new(saved.FromDate, saved.ResumptionToken, saved.ResumptionToken is null ? 0 : saved.PagesDone,
                  saved.ResumptionToken is null ? null : saved.ListResponseDate, saved.FromDate);

        public ListState Restart() => this with { Token = null, PagesDone = 0, ResponseDate = null };

        public ListState Next(string token, DateTimeOffset? responseDate) =>
            this with { Token = token, PagesDone = PagesDone + 1, ResponseDate = ResponseDate ?? responseDate };

        public ListState Complete(DateTimeOffset? responseDate)
        {
            var first = ResponseDate ?? responseDate;
            // Deviation from "always the server's date": a response without responseDate (not seen from arXiv) keeps the old from.
            var next = first is { } d ? DateOnly.FromDateTime(d.UtcDateTime) : From;
            return this with { From = next, Token = null, PagesDone = PagesDone + 1, ResponseDate = first };
        }

        public HarvestCheckpoint ToCheckpoint(string key) => new(key, From, Token, PagesDone, ResponseDate);
    }
}
