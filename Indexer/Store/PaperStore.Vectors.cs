using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;

namespace PaperSearch.Indexer.Store;

public sealed partial class PaperStore
{
    /// <summary>Inserts or replaces embeddings (one transaction).</summary>
    public Task<int> UpsertEmbeddingsAsync(string model, IReadOnlyList<(string PaperId, float[] Vector)> vectors, CancellationToken ct = default)
    {
        if (vectors.Count == 0) return Task.FromResult(0);
        return WriteAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = vectors.Select(v => v.PaperId).Distinct(StringComparer.Ordinal).ToArray();
            var stored = await db.Embeddings.AsTracking().Where(e => e.Model == model && ids.Contains(e.PaperId))
                .ToDictionaryAsync(e => e.PaperId, StringComparer.Ordinal, ct);
            var now = DateTimeOffset.UtcNow;
            foreach (var (id, vector) in vectors)
            {
                var bytes = ToBytes(vector);
                if (stored.TryGetValue(id, out var row))
                {
                    row.Vector = bytes;
                    row.CreatedAt = now;
                    db.Entry(row).State = EntityState.Modified;
                }
                else
                {
                    stored[id] = row = new EmbeddingRow { PaperId = id, Model = model, Vector = bytes, CreatedAt = now };
                    db.Embeddings.Add(row);
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return vectors.Count;
        }, ct);
    }

    public Task<float[]?> GetEmbeddingAsync(string paperId, string model, CancellationToken ct = default) =>
        ReadAsync(async db =>
        {
            var bytes = await db.Embeddings.Where(e => e.PaperId == paperId && e.Model == model).Select(e => e.Vector).FirstOrDefaultAsync(ct);
            return bytes is null ? null : ToFloats(bytes);
        }, ct);

    public Task<int> CountEmbeddingsAsync(string model, CancellationToken ct = default) =>
        ReadAsync(db => db.Embeddings.CountAsync(e => e.Model == model, ct), ct);

    /// <summary>All embeddings of <paramref name="model"/> ordered by paper id, in keyset pages (constant memory).</summary>
    public async IAsyncEnumerable<StoredEmbedding> StreamEmbeddingsAsync(string model, [EnumeratorCancellation] CancellationToken ct = default)
    {
        const int pageSize = 2000;
        var last = "";
        while (true)
        {
            List<EmbeddingRow> page;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                page = await db.Embeddings.Where(e => e.Model == model && string.Compare(e.PaperId, last) > 0)
                    .OrderBy(e => e.PaperId).Take(pageSize).ToListAsync(ct);
            foreach (var e in page) yield return new StoredEmbedding(e.PaperId, e.Model, ToFloats(e.Vector));
            if (page.Count < pageSize) yield break;
            last = page[^1].PaperId;
        }
    }

    public Task SaveProjectionAsync(StoredProjection projection, CancellationToken ct = default) =>
        WriteAsync(async db =>
        {
            var row = AddOrModify(db, await db.Projections.AsTracking().FirstOrDefaultAsync(p => p.Model == projection.Model, ct),
                () => new ProjectionRow { Model = projection.Model });
            row.Rank = projection.Rank;
            row.Dimension = projection.Dimension;
            row.Data = projection.Data;
            row.FittedAt = projection.FittedAt;
            row.PaperCount = projection.PaperCount;
            row.ExplainedVariance = projection.ExplainedVariance;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public Task<StoredProjection?> GetProjectionAsync(string model, CancellationToken ct = default) =>
        ReadAsync(async db =>
        {
            var r = await db.Projections.FirstOrDefaultAsync(p => p.Model == model, ct);
            return r is null ? null : new StoredProjection(r.Model, r.Rank, r.Dimension, r.Data, r.FittedAt, r.PaperCount, r.ExplainedVariance);
        }, ct);

    // The blob format is fixed little-endian so a DB file moves between machines.
    private static byte[] ToBytes(float[] v)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Embedding blobs are little-endian float32.");
        return MemoryMarshal.AsBytes(v.AsSpan()).ToArray();
    }

    private static float[] ToFloats(byte[] b)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Embedding blobs are little-endian float32.");
        return MemoryMarshal.Cast<byte, float>(b).ToArray();
    }
}
