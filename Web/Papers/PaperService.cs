using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Web.Related;

namespace PaperSearch.Web.Papers;

/// <summary>Reads one paper (any id form) with its summary; its related papers come from the related-work pipeline.</summary>
public sealed class PaperService(PaperStore store, RelatedWorkService related)
{
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
    /// Up to <paramref name="k"/> related papers, the paper itself excluded: related work for the paper as the only input
    /// (its own text's terms and its own vector, <see cref="RelatedWorkService"/>). Empty when unknown.
    /// </summary>
    public async Task<IReadOnlyList<RelatedPaper>> RelatedAsync(string id, int k, CancellationToken ct = default)
    {
        if (ArxivId.Normalize(id) is not { } normalized) return [];
        var result = await related.FindAsync(new RelatedWorkRequest { Ids = [normalized], K = k }, ct);
        return result.Recognised.Count == 0 ? [] : result.Hits;
    }
}
