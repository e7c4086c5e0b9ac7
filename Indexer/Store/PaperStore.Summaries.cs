using Microsoft.EntityFrameworkCore;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Store;

public sealed partial class PaperStore
{
    /// <summary>
    /// Inserts or replaces AI summaries (one transaction). A summary whose text equals the stored one is skipped.
    /// A summary for a paper not in the store yet is kept and joins the paper when it arrives. When the paper
    /// exists, its Seq is bumped so the index picks the new summary text up. Returns how many summaries changed.
    /// </summary>
    public Task<int> UpsertSummariesAsync(IReadOnlyList<(string PaperId, AiSummary Summary, string Source)> summaries, CancellationToken ct = default)
    {
        if (summaries.Count == 0) return Task.FromResult(0);
        var latest = new Dictionary<string, (AiSummary Summary, string Source)>(StringComparer.Ordinal);
        foreach (var (id, summary, source) in summaries) latest[id] = (summary, source);

        return WriteAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockSeqAsync(db, ct);
            var ids = latest.Keys.ToArray();
            var stored = await db.Summaries.AsTracking().Where(s => ids.Contains(s.PaperId)).ToDictionaryAsync(s => s.PaperId, StringComparer.Ordinal, ct);
            var now = DateTimeOffset.UtcNow;
            var changedIds = new List<string>();
            foreach (var (id, (summary, source)) in latest)
            {
                if (stored.TryGetValue(id, out var row))
                {
                    if (row.ToSummary() == summary) continue;
                    Fill(row, summary, source, now);
                    db.Entry(row).State = EntityState.Modified;
                }
                else
                {
                    var fresh = new SummaryRow { PaperId = id };
                    Fill(fresh, summary, source, now);
                    db.Summaries.Add(fresh);
                }
                changedIds.Add(id);
            }

            if (changedIds.Count > 0)
            {
                var papers = await db.Papers.AsTracking().Where(p => changedIds.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
                var seq = await MaxSeqAsync(db, ct);
                foreach (var p in papers)
                {
                    p.Seq = ++seq;
                    db.Entry(p).Property(x => x.Seq).IsModified = true;
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return changedIds.Count;
        }, ct);
    }

    public Task<StoredSummary?> GetSummaryAsync(string paperId, CancellationToken ct = default) =>
        ReadAsync(async db =>
        {
            var row = await db.Summaries.FirstOrDefaultAsync(s => s.PaperId == paperId, ct);
            return row is null ? null : new StoredSummary(row.PaperId, row.ToSummary(), row.Source, row.ImportedAt);
        }, ct);

    /// <summary>The one-line summaries (TL;DR) of those of these papers that have one, by paper id: one query for a list.</summary>
    public Task<IReadOnlyDictionary<string, string>> GetTldrsAsync(IReadOnlyList<string> paperIds, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyDictionary<string, string>>(async db =>
        {
            if (paperIds.Count == 0) return new Dictionary<string, string>();
            var ids = paperIds.Distinct(StringComparer.Ordinal).ToArray();
            return await db.Summaries.Where(s => ids.Contains(s.PaperId) && s.Tldr != null && s.Tldr != "")
                .ToDictionaryAsync(s => s.PaperId, s => s.Tldr!, StringComparer.Ordinal, ct);
        }, ct);

    /// <summary>The whole summaries of those of these papers that have one, by paper id: one query for a page of hits.</summary>
    public Task<IReadOnlyDictionary<string, AiSummary>> GetSummariesAsync(IReadOnlyList<string> paperIds, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyDictionary<string, AiSummary>>(async db =>
        {
            if (paperIds.Count == 0) return new Dictionary<string, AiSummary>();
            var ids = paperIds.Distinct(StringComparer.Ordinal).ToArray();
            var rows = await db.Summaries.Where(s => ids.Contains(s.PaperId)).ToListAsync(ct);
            return rows.ToDictionary(r => r.PaperId, r => r.ToSummary(), StringComparer.Ordinal);
        }, ct);

    /// <summary>Number of stored summaries (including ones still waiting for their paper).</summary>
    public Task<int> CountSummariesAsync(CancellationToken ct = default) =>
        ReadAsync(db => db.Summaries.CountAsync(ct), ct);

    private static void Fill(SummaryRow row, AiSummary s, string source, DateTimeOffset now)
    {
        row.Tldr = s.Tldr;
        row.Motivation = s.Motivation;
        row.Method = s.Method;
        row.Result = s.Result;
        row.Conclusion = s.Conclusion;
        row.Source = source;
        row.ImportedAt = now;
    }
}
