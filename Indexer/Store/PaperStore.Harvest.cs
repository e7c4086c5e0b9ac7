using Microsoft.EntityFrameworkCore;

namespace PaperSearch.Indexer.Store;

public sealed partial class PaperStore
{
    public Task<HarvestCheckpoint?> GetCheckpointAsync(string key, CancellationToken ct = default) =>
        ReadAsync(async db =>
        {
            var r = await db.HarvestCheckpoints.FirstOrDefaultAsync(c => c.Key == key, ct);
            return r is null ? null : new HarvestCheckpoint(r.Key, r.FromDate, r.ResumptionToken, r.PagesDone, r.LastResponseDate, r.UpdatedAt);
        }, ct);

    /// <summary>Saves a checkpoint on its own (use <see cref="UpsertAsync"/>'s parameter to commit it with a page).</summary>
    public Task SaveCheckpointAsync(HarvestCheckpoint checkpoint, CancellationToken ct = default) =>
        WriteAsync(async db =>
        {
            await StageCheckpointAsync(db, checkpoint, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    private static async Task StageCheckpointAsync(PaperDbContext db, HarvestCheckpoint c, CancellationToken ct)
    {
        var row = AddOrModify(db, await db.HarvestCheckpoints.AsTracking().FirstOrDefaultAsync(r => r.Key == c.Key, ct),
            () => new HarvestCheckpointRow { Key = c.Key });
        row.FromDate = c.FromDate;
        row.ResumptionToken = c.ResumptionToken;
        row.PagesDone = c.PagesDone;
        row.LastResponseDate = c.LastResponseDate;
        row.UpdatedAt = c.UpdatedAt;
    }

    /// <summary>Inserts a run (when <c>Id</c> is 0) or updates it; returns the run with its assigned Id.</summary>
    public Task<HarvestRun> SaveRunAsync(HarvestRun run, CancellationToken ct = default) =>
        WriteAsync(async db =>
        {
            var row = AddOrModify(db, run.Id == 0 ? null : await db.HarvestRuns.AsTracking().FirstOrDefaultAsync(r => r.Id == run.Id, ct),
                () => new HarvestRunRow());
            row.Key = run.Key;
            row.StartedAt = run.StartedAt;
            row.FinishedAt = run.FinishedAt;
            row.Added = run.Added;
            row.Updated = run.Updated;
            row.Unchanged = run.Unchanged;
            row.Deleted = run.Deleted;
            row.Pages = run.Pages;
            row.Error = run.Error;
            row.FromDate = run.FromDate;
            row.ResponseDate = run.ResponseDate;
            await db.SaveChangesAsync(ct);
            return run with { Id = row.Id };
        }, ct);

    /// <summary>The most recent runs (newest first), optionally for one checkpoint key.</summary>
    public Task<IReadOnlyList<HarvestRun>> GetRecentRunsAsync(int count, string? key = null, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<HarvestRun>>(async db =>
        {
            var q = db.HarvestRuns.AsQueryable();
            if (key is not null) q = q.Where(r => r.Key == key);
            // Id is autoincrement, so it orders runs by start without comparing DateTimeOffsets in SQL.
            var rows = await q.OrderByDescending(r => r.Id).Take(count).ToListAsync(ct);
            return rows.ConvertAll(r => new HarvestRun(r.Id, r.Key, r.StartedAt, r.FinishedAt, r.Added, r.Updated, r.Unchanged,
                r.Deleted, r.Pages, r.Error, r.FromDate, r.ResponseDate));
        }, ct);
}
