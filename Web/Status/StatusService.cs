using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Web.Status;

/// <summary>Counts and health for /status, /api/stats and the <c>stats</c> verb.</summary>
public sealed class StatusService(PaperStore store, PaperSearcher index, IEmbedder embedder, VectorCatalog vectors)
{
    public async Task<StatusReport> GetAsync(int days = 60, CancellationToken ct = default)
    {
        var papers = await store.CountAsync(ct);
        var summaries = await store.CountSummariesAsync(ct);
        var embedded = embedder.IsAvailable ? await store.CountEmbeddingsAsync(embedder.ModelId, ct) : 0;
        var last = (await store.GetRecentRunsAsync(1, ct: ct)).FirstOrDefault();
        var latest = await store.LatestListingDateAsync(ct) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var perDay = await store.CountByListingDateAsync(latest.AddDays(-(days - 1)), latest, ct);
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
