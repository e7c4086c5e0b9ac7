using Microsoft.EntityFrameworkCore;

namespace PaperSearch.Indexer.Store;

/// <summary>Paper ids <paramref name="From"/> … <paramref name="To"/>, both included, in the store's id order (From ≤ To).</summary>
public sealed record IdRange(string From, string To);

/// <summary>
/// Which papers to embed next, newest first: a daily user needs today's list ranked, not 2022's. arXiv's new-style ids
/// (<c>YYMM.NNNNN</c>, since April 2007) grow with the submission, so id descending is newest first and the primary key
/// serves the order; old-style ids (<c>archive/YYMMNNN</c>) are all older and come after every new-style one.
/// </summary>
public sealed partial class PaperStore
{
    /// <summary>
    /// Cuts the live papers lacking an embedding under <paramref name="model"/> into id ranges of at most
    /// <paramref name="size"/> such papers, newest range first: the work units of the parallel embedding jobs.
    /// </summary>
    public async Task<IReadOnlyList<IdRange>> MissingEmbeddingRangesAsync(string model, int size, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var ranges = new List<IdRange>();
        foreach (var oldStyle in (bool[])[false, true])
        {
            string? below = null;
            while (true)
            {
                List<string> page;
                await using (var db = await contexts.CreateDbContextAsync(ct))
                {
                    var missing = MissingEmbedding(db, model, oldStyle);
                    if (below is not null) missing = missing.Where(p => string.Compare(p.Id, below) < 0);
                    page = await missing.OrderByDescending(p => p.Id).Select(p => p.Id).Take(size).ToListAsync(ct);
                }
                if (page.Count == 0) break;
                ranges.Add(new IdRange(page[^1], page[0]));
                below = page[^1];
            }
        }
        return ranges;
    }

    /// <summary>Live papers in <paramref name="range"/> that have no embedding under <paramref name="model"/> yet, newest first.</summary>
    public Task<IReadOnlyList<string>> GetIdsMissingEmbeddingAsync(string model, IdRange range, int limit, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<string>>(async db =>
            await MissingEmbedding(db, model, IsOldStyle(range.From))
                .Where(p => string.Compare(p.Id, range.From) >= 0 && string.Compare(p.Id, range.To) <= 0)
                .OrderByDescending(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(ct), ct);

    /// <summary>Live papers that have no embedding under <paramref name="model"/> yet, newest first.</summary>
    public Task<IReadOnlyList<string>> GetIdsMissingEmbeddingAsync(string model, int limit, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<string>>(async db =>
        {
            var ids = await MissingEmbedding(db, model, oldStyle: false)
                .OrderByDescending(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(ct);
            if (ids.Count < limit)
                ids.AddRange(await MissingEmbedding(db, model, oldStyle: true)
                    .OrderByDescending(p => p.Id).Select(p => p.Id).Take(limit - ids.Count).ToListAsync(ct));
            return ids;
        }, ct);

    private static bool IsOldStyle(string id) => id.Contains('/');

    /// <summary>Two separate filters rather than one comparison with a flag, so each reads the primary key in order.</summary>
    private static IQueryable<PaperRow> MissingEmbedding(PaperDbContext db, string model, bool oldStyle) =>
        (oldStyle ? db.Papers.Where(p => p.Id.Contains("/")) : db.Papers.Where(p => !p.Id.Contains("/")))
            .Where(p => !p.Deleted && !db.Embeddings.Any(e => e.PaperId == p.Id && e.Model == model));
}
