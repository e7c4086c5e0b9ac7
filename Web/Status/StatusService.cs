using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Web.Status;

/// <summary>Counts and health for /status, /api/stats and the <c>stats</c> verb.</summary>
public sealed class StatusService(PaperStore store, PaperSearcher index, IEmbedder embedder, VectorCatalog vectors)
{
    /// <summary>How long the /status page reuses a report: it counts the whole store (up to 0.8 s at 118k papers).</summary>
    public static readonly TimeSpan PageReuse = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private (int? Days, string Version, DateTime At, Task<StatusReport> Report)? _shared;

    /// <summary>
    /// The report for the /status page: one computation shared by every request within <see cref="PageReuse"/> of the
    /// same index version (a burst of 40 visitors counts the store once), started afresh once the index changes.
    /// <paramref name="days"/> null: every listing day in the store.
    /// </summary>
    public Task<StatusReport> GetSharedAsync(int? days, CancellationToken ct)
    {
        var version = index.SearcherVersion();
        Task<StatusReport> report;
        lock (_gate)
        {
            if (_shared is not { } s || s.Days != days || s.Version != version || DateTime.UtcNow - s.At > PageReuse || s.Report.IsFaulted)
                _shared = s = (days, version, DateTime.UtcNow, GetAsync(days, CancellationToken.None));
            report = s.Report;
        }
        // One visitor leaving must not cancel the count the others wait for.
        return report.WaitAsync(ct);
    }

    /// <summary>The report, with papers per day over the last <paramref name="days"/> up to the latest listing day, or over
    /// every listing day in the store when null (the /status chart; /api/stats keeps its 60 days).</summary>
    public async Task<StatusReport> GetAsync(int? days = 60, CancellationToken ct = default)
    {
        var papers = await store.CountAsync(ct);
        var summaries = await store.CountSummariesAsync(ct);
        var embedded = embedder.IsAvailable ? await store.CountEmbeddingsAsync(embedder.ModelId, ct) : 0;
        var last = (await store.GetRecentRunsAsync(1, ct: ct)).FirstOrDefault();
        var latest = await store.LatestListingDateAsync(ct) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var perDay = await store.CountByListingDateAsync(days is { } n ? latest.AddDays(-(n - 1)) : DateOnly.MinValue, latest, ct);
        return new StatusReport(
            papers,
            index.Stats().NumDocs,
            summaries,
            embedded,
            papers > 0 ? Math.Round((double)embedded / papers, 4) : 0,
            embedder.IsAvailable ? embedder.ModelId : null,
            embedder.IsAvailable,
            embedder.IsAvailable && vectors.Count > 0,
            last is null ? null : new HarvestInfo(last.StartedAt, last.FinishedAt, last.Added, last.Updated, last.Error),
            perDay.Select(d => new DayCount(d.Day, d.Count)).ToList());
    }
}
