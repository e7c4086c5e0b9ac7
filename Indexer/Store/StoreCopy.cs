using Microsoft.EntityFrameworkCore;

namespace PaperSearch.Indexer.Store;

/// <summary>Where a copy stands: <paramref name="Done"/> of <paramref name="Total"/> source rows of <paramref name="Table"/> visited.</summary>
public sealed record StoreCopyProgress(string Table, long Done, long Total);

/// <summary>One table after a copy: rows in the source and the target, and how many this run wrote.</summary>
public sealed record StoreCopyTable(string Table, long Source, long Target, long Written)
{
    public bool Matches => Source == Target;
}

/// <summary>The copy's outcome; <see cref="Verified"/> when every table has as many rows in the target as in the source.</summary>
public sealed record StoreCopyResult(IReadOnlyList<StoreCopyTable> Tables, TimeSpan Elapsed)
{
    public bool Verified => Tables.All(t => t.Matches);
}

/// <summary>The target holds data that is not an earlier copy of this source.</summary>
public sealed class StoreCopyRefusedException(string message) : Exception(message);

/// <summary>
/// Copies every row of one store into another (SQLite → PostgreSQL, the <c>copy-store</c> verb) as it is, Seq included,
/// so an index built from the source stays valid over the target. Works in keyset batches of 1,000 rows, each batch
/// one target transaction, so it is resumable: a re-run skips rows the target already has (papers by id and Seq,
/// summaries and embeddings by their timestamps) and never duplicates. A target that already holds other data — a
/// paper the source lacks or has at another Seq — is refused unless <c>force</c>, which first empties the target's
/// store tables. Writers to the source should be stopped while it runs (rows written meanwhile may be missed).
/// </summary>
public sealed class StoreCopy(PaperStore source, PaperStore target)
{
    private const int BatchSize = 1000;

    public async Task<StoreCopyResult> RunAsync(bool force, IProgress<StoreCopyProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await target.MigrateAsync(ct);
        if (force) await EmptyTargetAsync(ct);
        else await EnsureTargetIsACopyAsync(ct);

        var totals = await CountAsync(source, ct);
        var written = new Dictionary<string, long>
        {
            ["papers"] = await CopyTableAsync("papers", totals["papers"], (db, last) => db.Papers.Where(p => string.Compare(p.Id, last) > 0).OrderBy(p => p.Id),
                p => p.Id, p => p.Seq, (db, ids) => db.Papers.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Seq, ct), progress, ct),
            ["summaries"] = await CopyTableAsync("summaries", totals["summaries"], (db, last) => db.Summaries.Where(s => string.Compare(s.PaperId, last) > 0).OrderBy(s => s.PaperId),
                s => s.PaperId, s => Micros(s.ImportedAt),
                (db, ids) => db.Summaries.Where(s => ids.Contains(s.PaperId)).ToDictionaryAsync(s => s.PaperId, s => Micros(s.ImportedAt), ct), progress, ct),
        };
        long embeddings = 0, embeddingsDone = 0;
        await using (var db = await source.Contexts.CreateDbContextAsync(ct))
            foreach (var model in await db.Embeddings.Select(e => e.Model).Distinct().OrderBy(m => m).ToListAsync(ct))
            {
                var perModel = progress is null ? null : new Shifted(progress, embeddingsDone);
                embeddings += await CopyTableAsync("embeddings", totals["embeddings"],
                    (s, last) => s.Embeddings.Where(e => e.Model == model && string.Compare(e.PaperId, last) > 0).OrderBy(e => e.PaperId),
                    e => e.PaperId, e => Micros(e.CreatedAt),
                    (t, ids) => t.Embeddings.Where(e => e.Model == model && ids.Contains(e.PaperId)).ToDictionaryAsync(e => e.PaperId, e => Micros(e.CreatedAt), ct),
                    perModel, ct);
                embeddingsDone += await db.Embeddings.CountAsync(e => e.Model == model, ct);
            }
        written["embeddings"] = embeddings;
        written["projections"] = await CopySmallAsync(db => db.Projections, ct);
        written["harvest_checkpoints"] = await CopySmallAsync(db => db.HarvestCheckpoints, ct);
        written["harvest_runs"] = await CopySmallAsync(db => db.HarvestRuns, ct);
        // Readers' saved libraries may be many: keyset batches by token hash; an update or revocation moves UpdatedAt.
        written["saved_libraries"] = await CopyTableAsync("saved_libraries", totals["saved_libraries"],
            (db, last) => db.SavedLibraries.Where(l => string.Compare(l.TokenHash, last) > 0).OrderBy(l => l.TokenHash),
            l => l.TokenHash, l => Micros(l.UpdatedAt),
            (db, hashes) => db.SavedLibraries.Where(l => hashes.Contains(l.TokenHash)).ToDictionaryAsync(l => l.TokenHash, l => Micros(l.UpdatedAt), ct),
            progress, ct);
        await ResetIdentityAsync("harvest_runs", ct);
        await ResetIdentityAsync("saved_libraries", ct);

        var after = await CountAsync(target, ct);
        return new StoreCopyResult([.. totals.Select(t => new StoreCopyTable(t.Key, t.Value, after[t.Key], written[t.Key]))], clock.Elapsed);
    }

    /// <summary>Row counts of the seven store tables (tombstones and summaries waiting for their paper included).</summary>
    public static async Task<Dictionary<string, long>> CountAsync(PaperStore store, CancellationToken ct = default)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(ct);
        return new()
        {
            ["papers"] = await db.Papers.LongCountAsync(ct),
            ["summaries"] = await db.Summaries.LongCountAsync(ct),
            ["embeddings"] = await db.Embeddings.LongCountAsync(ct),
            ["projections"] = await db.Projections.LongCountAsync(ct),
            ["harvest_checkpoints"] = await db.HarvestCheckpoints.LongCountAsync(ct),
            ["harvest_runs"] = await db.HarvestRuns.LongCountAsync(ct),
            ["saved_libraries"] = await db.SavedLibraries.LongCountAsync(ct),
        };
    }

    /// <summary>
    /// One table in key order: each batch of source rows is compared with the target's stamps for the same keys;
    /// missing rows are inserted, rows with another stamp replaced, equal ones skipped. Returns rows written.
    /// </summary>
    private async Task<long> CopyTableAsync<TRow>(
        string table, long total,
        Func<PaperDbContext, string, IQueryable<TRow>> after,
        Func<TRow, string> keyOf,
        Func<TRow, long> stampOf,
        Func<PaperDbContext, string[], Task<Dictionary<string, long>>> targetStamps,
        IProgress<StoreCopyProgress>? progress,
        CancellationToken ct) where TRow : class
    {
        long done = 0, written = 0;
        var last = "";
        while (true)
        {
            List<TRow> batch;
            await using (var src = await source.Contexts.CreateDbContextAsync(ct))
                batch = await after(src, last).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;

            await using (var dst = await target.Contexts.CreateDbContextAsync(ct))
            {
                dst.ChangeTracker.AutoDetectChangesEnabled = false;
                await using var tx = await dst.Database.BeginTransactionAsync(ct);
                // Rows keep their Seq: hold the writers' lock so a live writer on the target cannot interleave.
                await PaperStore.LockSeqAsync(dst, ct);
                var stamps = await targetStamps(dst, [.. batch.Select(keyOf)]);
                foreach (var row in batch)
                {
                    if (!stamps.TryGetValue(keyOf(row), out var stamp)) dst.Add(row);
                    else if (stamp != stampOf(row)) dst.Update(row);
                    else continue;
                    written++;
                }
                await dst.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            done += batch.Count;
            last = keyOf(batch[^1]);
            progress?.Report(new StoreCopyProgress(table, done, total));
            if (batch.Count < BatchSize) break;
        }
        return written;
    }

    /// <summary>A small table (projections, checkpoints, runs) in one go: every source row inserted or replaced.</summary>
    private async Task<long> CopySmallAsync<TRow>(Func<PaperDbContext, DbSet<TRow>> set, CancellationToken ct) where TRow : class
    {
        List<TRow> rows;
        await using (var src = await source.Contexts.CreateDbContextAsync(ct))
            rows = await set(src).ToListAsync(ct);
        await using var dst = await target.Contexts.CreateDbContextAsync(ct);
        await using var tx = await dst.Database.BeginTransactionAsync(ct);
        var entity = dst.Model.FindEntityType(typeof(TRow))!.FindPrimaryKey()!;
        foreach (var row in rows)
        {
            var key = entity.Properties.Select(p => p.PropertyInfo!.GetValue(row)).ToArray();
            if (await set(dst).FindAsync(key, ct) is { } existing)
            {
                dst.Entry(existing).State = EntityState.Detached;
                dst.Update(row);
            }
            else dst.Add(row);
        }
        await dst.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>Copied runs and libraries keep their ids; PostgreSQL's identity must then continue after the highest one.</summary>
    private async Task ResetIdentityAsync(string table, CancellationToken ct)
    {
        await using var db = await target.Contexts.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql()) return;
        // The table name is one of this class's constants, never input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync(
            $"""SELECT setval(pg_get_serial_sequence('{table}', 'Id'), COALESCE((SELECT MAX("Id") FROM {table}), 0) + 1, false)""", ct);
#pragma warning restore EF1002
    }

    private async Task EmptyTargetAsync(CancellationToken ct)
    {
        await using var db = await target.Contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await PaperStore.LockSeqAsync(db, ct);
        await db.Papers.ExecuteDeleteAsync(ct);
        await db.Summaries.ExecuteDeleteAsync(ct);
        await db.Embeddings.ExecuteDeleteAsync(ct);
        await db.Projections.ExecuteDeleteAsync(ct);
        await db.HarvestCheckpoints.ExecuteDeleteAsync(ct);
        await db.HarvestRuns.ExecuteDeleteAsync(ct);
        await db.SavedLibraries.ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Accepts an empty target or an earlier (partial) copy of this source: every paper it holds exists in the source
    /// at the same Seq. Anything else means the target has a life of its own, and copying would mix two stores.
    /// </summary>
    private async Task EnsureTargetIsACopyAsync(CancellationToken ct)
    {
        var last = "";
        while (true)
        {
            List<(string Id, long Seq)> page;
            await using (var dst = await target.Contexts.CreateDbContextAsync(ct))
                page = (await dst.Papers.Where(p => string.Compare(p.Id, last) > 0).OrderBy(p => p.Id).Take(5 * BatchSize)
                    .Select(p => new { p.Id, p.Seq }).ToListAsync(ct)).ConvertAll(p => (p.Id, p.Seq));
            if (page.Count == 0) return;
            var ids = page.Select(p => p.Id).ToArray();
            Dictionary<string, long> known;
            await using (var src = await source.Contexts.CreateDbContextAsync(ct))
                known = await src.Papers.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Seq, StringComparer.Ordinal, ct);
            foreach (var (id, seq) in page)
            {
                if (!known.TryGetValue(id, out var sourceSeq))
                    throw new StoreCopyRefusedException($"The target already holds paper {id}, which the source does not have: it is not a copy of this store. " +
                                                        "Use --force to empty the target's store tables and copy again.");
                if (sourceSeq != seq)
                    throw new StoreCopyRefusedException($"The target holds paper {id} at change {seq:N0}, the source at {sourceSeq:N0}: the target is not an " +
                                                        "earlier copy of this store (or the source changed since). Use --force to empty the target's store tables and copy again.");
            }
            if (page.Count < 5 * BatchSize) return;
            last = page[^1].Id; // in the target's own collation order, which its next page continues
        }
    }

    /// <summary>One model's embeddings reported as part of the whole table (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Shifted(IProgress<StoreCopyProgress> inner, long offset) : IProgress<StoreCopyProgress>
    {
        public void Report(StoreCopyProgress value) => inner.Report(value with { Done = offset + value.Done });
    }

    // PostgreSQL keeps microseconds, .NET ticks are 100 ns: compare timestamps at the precision both sides keep.
    private static long Micros(DateTimeOffset t) => t.UtcTicks / 10;
}
