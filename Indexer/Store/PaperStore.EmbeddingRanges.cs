using Microsoft.EntityFrameworkCore;

namespace PaperSearch.Indexer.Store;

/// <summary>Paper ids <paramref name="From"/> … <paramref name="To"/>, both included, in the store's id order.</summary>
public sealed record IdRange(string From, string To);

public sealed partial class PaperStore
{
    /// <summary>
    /// Cuts the live papers lacking an embedding under <paramref name="model"/> into consecutive id ranges of at most
    /// <paramref name="size"/> such papers, in id order: the work units of the parallel embedding jobs.
    /// </summary>
    public async Task<IReadOnlyList<IdRange>> MissingEmbeddingRangesAsync(string model, int size, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var ranges = new List<IdRange>();
        var last = "";
        while (true)
        {
            List<string> page;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                page = await MissingEmbedding(db, model).Where(p => string.Compare(p.Id, last) > 0)
                    .OrderBy(p => p.Id).Select(p => p.Id).Take(size).ToListAsync(ct);
            if (page.Count == 0) return ranges;
            ranges.Add(new IdRange(page[0], page[^1]));
            last = page[^1];
        }
    }

    /// <summary>Live papers in <paramref name="range"/> that have no embedding under <paramref name="model"/> yet, in id order.</summary>
    public Task<IReadOnlyList<string>> GetIdsMissingEmbeddingAsync(string model, IdRange range, int limit, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<string>>(async db =>
            await MissingEmbedding(db, model)
                .Where(p => string.Compare(p.Id, range.From) >= 0 && string.Compare(p.Id, range.To) <= 0)
                .OrderBy(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(ct), ct);

    private static IQueryable<PaperRow> MissingEmbedding(PaperDbContext db, string model) =>
        db.Papers.Where(p => !p.Deleted && !db.Embeddings.Any(e => e.PaperId == p.Id && e.Model == model));
}
