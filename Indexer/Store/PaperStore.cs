using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// The system of record for papers, summaries, embeddings, projections and harvest state.
/// Every write bumps <c>Seq</c>, a store-wide change counter the index follows to catch up.
/// Seq writers are serialised in-process by a semaphore and, on PostgreSQL where several processes write, by a
/// transaction-scoped advisory lock (<see cref="LockSeqAsync"/>), so Seq stays gap-free and commits in Seq order.
/// </summary>
public sealed partial class PaperStore(IDbContextFactory<PaperDbContext> contexts)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>A store on <c>{dataDir}/papersearch.db</c> without DI (CLI, tests). Call <see cref="MigrateAsync"/> first.</summary>
    public static PaperStore Open(string dataDir) => Open(new StoreOptions { DataDir = dataDir });

    /// <summary>A store on the provider <paramref name="options"/> name, without DI. Call <see cref="MigrateAsync"/> first.</summary>
    public static PaperStore Open(StoreOptions options) => new(StoreContexts.Create(options));

    internal IDbContextFactory<PaperDbContext> Contexts => contexts;

    /// <summary>Opens and closes one connection: throws the provider's error at once when the database cannot be reached.</summary>
    public async Task EnsureReachableAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>Creates or upgrades the schema (idempotent); returns the migrations it applied, oldest first.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Asking a new PostgreSQL database what is pending reads the missing history table, and EF logs that failed
        // query as an error; creating the empty table first (as Migrate would) keeps a first start's log clean.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        // EF Core takes a database-wide migration lock, so processes starting together do not race here.
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        return pending;
    }

    /// <summary>
    /// Upserts a batch in one transaction (pass ~1,000 papers). Newest wins with a null-preserving merge
    /// (<see cref="PaperMerge"/>); a record whose merged content equals what is stored is counted unchanged and
    /// not written. When <paramref name="checkpoint"/> is given it is saved in the same transaction, so a harvest
    /// page and its resumption point commit together or not at all.
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(IReadOnlyList<Paper> papers, HarvestCheckpoint? checkpoint = null, CancellationToken ct = default)
    {
        // Collapse repeats inside the batch first, so each id is decided once against the stored row.
        var incoming = new Dictionary<string, Paper>(papers.Count, StringComparer.Ordinal);
        foreach (var p in papers)
            incoming[p.Id] = incoming.TryGetValue(p.Id, out var earlier) ? PaperMerge.Merge(earlier, p) : p;
        var merged = papers.Count - incoming.Count;
        if (incoming.Count == 0 && checkpoint is null) return UpsertResult.Empty;

        await _writeLock.WaitAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockSeqAsync(db, ct);

            var ids = incoming.Keys.ToArray();
            var existing = await db.Papers.AsTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
            var seq = await MaxSeqAsync(db, ct);
            int inserted = 0, updated = 0, unchanged = 0;
            var changed = new List<string>();

            foreach (var (id, paper) in incoming)
            {
                if (existing.TryGetValue(id, out var row))
                {
                    var newest = PaperMerge.Merge(row.ToPaper(), paper);
                    var hash = PaperRowMapping.ContentHash(newest);
                    if (hash == row.ContentHash && !row.Deleted) { unchanged++; continue; }
                    PaperRowMapping.CopyTo(newest, row, hash, ++seq);
                    db.Entry(row).State = EntityState.Modified;
                    updated++;
                }
                else
                {
                    db.Papers.Add(PaperRowMapping.ToRow(paper, PaperRowMapping.ContentHash(paper), ++seq));
                    inserted++;
                }
                changed.Add(id);
            }

            if (checkpoint is not null) await StageCheckpointAsync(db, checkpoint, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new UpsertResult(inserted, updated, unchanged, changed, merged);
        }
        finally { _writeLock.Release(); }
    }

    /// <summary>
    /// Marks papers as deleted upstream (OAI-PMH <c>status="deleted"</c>): the row stays as a tombstone with a new
    /// Seq so the index removes it on catch-up; reads no longer return it. A later upsert revives it.
    /// Returns how many rows changed.
    /// </summary>
    public async Task<int> MarkDeletedAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return 0;
        await _writeLock.WaitAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockSeqAsync(db, ct);
            var rows = await db.Papers.AsTracking().Where(r => ids.Contains(r.Id) && !r.Deleted).ToListAsync(ct);
            var seq = await MaxSeqAsync(db, ct);
            foreach (var r in rows) { r.Deleted = true; r.Seq = ++seq; }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return rows.Count;
        }
        finally { _writeLock.Release(); }
    }

    public async Task<Paper?> GetAsync(string id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Papers.FirstOrDefaultAsync(r => r.Id == id && !r.Deleted, ct);
        return row?.ToPaper();
    }

    /// <summary>The papers with these ids, in the order asked; unknown ids are skipped.</summary>
    public async Task<IReadOnlyList<Paper>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var distinct = ids.Distinct(StringComparer.Ordinal).ToArray();
        var rows = await db.Papers.Where(r => distinct.Contains(r.Id) && !r.Deleted).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        var result = new List<Paper>(rows.Count);
        foreach (var id in ids)
            if (rows.Remove(id, out var row)) result.Add(row.ToPaper());
        return result;
    }

    /// <summary>Number of live (not deleted) papers.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Papers.CountAsync(r => !r.Deleted, ct);
    }

    /// <summary>The highest Seq handed out so far (0 for an empty store).</summary>
    public async Task<long> MaxSeqAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await MaxSeqAsync(db, ct);
    }

    private static async Task<long> MaxSeqAsync(PaperDbContext db, CancellationToken ct) =>
        await db.Papers.MaxAsync(r => (long?)r.Seq, ct) ?? 0;

    /// <summary>The advisory lock that serialises Seq writers on PostgreSQL; the key is arbitrary ("PSSEQ" in hex).</summary>
    internal const string SeqLockSql = "SELECT pg_advisory_xact_lock(344995349841)";

    /// <summary>
    /// Call first inside a transaction that hands out Seq values. On PostgreSQL, processes (indexer, workers, CLI) write
    /// concurrently, and reading MAX(Seq) then inserting is not enough: two writers would pick the same numbers, and a
    /// sequence alone would let a writer holding Seq 101–200 commit after one holding 201–300 — a reader following Seq
    /// would already have moved past 200 and skip those rows for ever. <c>pg_advisory_xact_lock</c> is held until
    /// commit or rollback, so Seq is assigned and made visible in one order (PostgreSQL makes a commit visible
    /// before it releases the transaction's locks). SQLite needs nothing: a write transaction there is already
    /// exclusive across processes.
    /// </summary>
    internal static async Task LockSeqAsync(PaperDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync(SeqLockSql, ct);
    }

    /// <summary>
    /// Every paper whose Seq is greater than <paramref name="afterSeq"/>, in Seq order, with its summary and
    /// tombstones included. Reads in short keyset pages, so memory stays constant and no read transaction is held
    /// open across the whole stream (writers may keep committing; their rows show up at the end).
    /// </summary>
    public async IAsyncEnumerable<PaperChange> StreamChangedSinceAsync(long afterSeq, [EnumeratorCancellation] CancellationToken ct = default)
    {
        const int pageSize = 1000;
        var last = afterSeq;
        while (true)
        {
            List<PaperChange> page;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                var rows = await (from p in db.Papers
                                  where p.Seq > last
                                  orderby p.Seq
                                  join s in db.Summaries on p.Id equals s.PaperId into sg
                                  from s in sg.DefaultIfEmpty()
                                  select new { p, s })
                    .Take(pageSize).ToListAsync(ct);
                page = rows.ConvertAll(x => new PaperChange(x.p.Seq, x.p.ToPaper(), x.s?.ToSummary(), x.p.Deleted));
            }
            foreach (var change in page) yield return change;
            if (page.Count < pageSize) yield break;
            last = page[^1].Seq;
        }
    }

    /// <summary>Live papers per listing day in [<paramref name="from"/>, <paramref name="to"/>], ascending.</summary>
    public async Task<IReadOnlyList<DayCount>> CountByListingDateAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Papers
            .Where(r => !r.Deleted && r.ListingDate != null && r.ListingDate >= from && r.ListingDate <= to)
            .GroupBy(r => r.ListingDate!.Value)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .OrderBy(x => x.Day)
            .ToListAsync(ct);
        return rows.ConvertAll(x => new DayCount(x.Day, x.Count));
    }

    /// <summary>The most recent listing day in the store, if any.</summary>
    public async Task<DateOnly?> LatestListingDateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Papers.Where(r => !r.Deleted).MaxAsync(r => r.ListingDate, ct);
    }

    /// <summary>Runs <paramref name="write"/> under the store's writer lock with a fresh context.</summary>
    private async Task<T> WriteAsync<T>(Func<PaperDbContext, Task<T>> write, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await write(db);
        }
        finally { _writeLock.Release(); }
    }

    /// <summary>Marks a fetched row modified, or adds a new one when none was found; returns the row to fill in.</summary>
    private static TRow AddOrModify<TRow>(PaperDbContext db, TRow? row, Func<TRow> create) where TRow : class
    {
        if (row is null) db.Add(row = create());
        else db.Entry(row).State = EntityState.Modified;
        return row;
    }

    private async Task<T> ReadAsync<T>(Func<PaperDbContext, Task<T>> read, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await read(db);
    }
}
