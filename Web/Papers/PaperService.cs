using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Ranking.Fusion;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Papers;

/// <summary>Reads one paper (any id form) with its summary, and finds related papers.</summary>
public sealed class PaperService(PaperStore store, PaperSearcher index, VectorCatalog vectors, IOptionsMonitor<SearchOptions> options)
{
    /// <summary>Candidates taken from each side (semantic neighbours, keyword query) before fusing.</summary>
    private const int PoolPerSide = 100;

    /// <summary>Null when the id is not an arXiv id or the paper is not in the store.</summary>
    public async Task<PaperDetails?> GetAsync(string anyIdForm, CancellationToken ct = default)
    {
        if (ArxivId.Normalize(anyIdForm) is not { } id) return null;
        var paper = await store.GetAsync(id, ct);
        if (paper is null) return null;
        var summary = await store.GetSummaryAsync(id, ct);
        return new PaperDetails(paper, summary?.Summary);
    }

    /// <summary>
    /// Up to <paramref name="k"/> related papers, the paper itself excluded: its vector's nearest neighbours
    /// (compressed scan + exact rescoring) fused with a BM25 query of its top TF-IDF keywords (what Cool Papers
    /// does), ordered by smooth Top-k. Keywords alone when the paper has no vector. Empty when unknown.
    /// </summary>
    public async Task<IReadOnlyList<RelatedPaper>> RelatedAsync(string id, int k, CancellationToken ct = default)
    {
        if (ArxivId.Normalize(id) is not { } normalized) return [];
        var keyword = index.SearchRelated(normalized, PoolPerSide);
        var bm25ById = keyword.Hits.ToDictionary(h => h.Id, h => (double)h.Score);
        var vector = vectors.VectorOf(normalized);

        List<string> pool;
        double?[] cosines;
        if (vector is { } v)
        {
            var semantic = vectors.Nearest(v.Span, PoolPerSide, new HashSet<string> { normalized });
            pool = semantic.Select(s => s.Id).Union(bm25ById.Keys).ToList();
            cosines = vectors.Cosines(v.Span, pool);
        }
        else
        {
            pool = [.. bm25ById.Keys];
            cosines = new double?[pool.Count];
        }
        if (pool.Count == 0) return [];

        // A neighbour the keyword query missed scores below every keyword hit, not zero-by-accident.
        var bm25Floor = bm25ById.Count > 0 ? bm25ById.Values.Min() * 0.5 : 0;
        var bm25 = pool.Select(p => bm25ById.GetValueOrDefault(p, bm25Floor)).ToArray();
        var cos = HybridFusion.ImputeMissing(cosines);
        var o = options.CurrentValue;
        var ranked = HybridFusion.Rank(bm25, cos, new FusionSettings(vector is null ? 0 : o.Alpha, o.Tau), Math.Min(k, pool.Count))
            .Take(k).ToList();

        var papers = (await store.GetManyAsync(ranked.Select(r => pool[r.Index]).ToList(), ct)).ToDictionary(p => p.Id);
        return ranked.Where(r => papers.ContainsKey(pool[r.Index])).Select(r =>
        {
            var p = papers[pool[r.Index]];
            return new RelatedPaper(p.Id, p.Title, p.Authors, p.Categories, p.EffectiveDate, r.Fused,
                new HitExplain(r.Bm25, cosines[r.Index], r.Fused, r.Membership, r.Bm25Norm, r.CosineNorm, vector is null ? 0 : o.Alpha));
        }).ToList();
    }
}
