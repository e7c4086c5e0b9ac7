using PaperSearch.Indexer.Store;
using PaperSearch.Papers;

namespace PaperSearch.Web.Papers;

/// <summary>Reads one paper (any id form) with its summary, and finds related papers.</summary>
public sealed partial class PaperService(PaperStore store)
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

    /// <summary>Up to <paramref name="k"/> related papers, the paper itself excluded; empty when unknown.</summary>
    public Task<IReadOnlyList<RelatedPaper>> RelatedAsync(string id, int k, CancellationToken ct = default) =>
        throw new NotImplementedException("being wired to the ranking by the lead");
}
