namespace PaperSearch.Web.Papers;

/// <summary>Reads one paper (any id form) with its summary, and finds related papers.</summary>
public sealed partial class PaperService
{
    /// <summary>Null when the id is not an arXiv id or the paper is not in the store.</summary>
    public Task<PaperDetails?> GetAsync(string anyIdForm, CancellationToken ct = default) =>
        throw new NotImplementedException("being wired to the store by the lead");

    /// <summary>Up to <paramref name="k"/> related papers, the paper itself excluded; empty when unknown.</summary>
    public Task<IReadOnlyList<RelatedPaper>> RelatedAsync(string id, int k, CancellationToken ct = default) =>
        throw new NotImplementedException("being wired to the ranking by the lead");
}
