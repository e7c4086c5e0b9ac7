namespace PaperSearch.Web.Search;

/// <summary>The outcome of a search: a response, or a message for a request the index cannot run (a 400).</summary>
public sealed record SearchOutcome(SearchResponse? Response, string? Error)
{
    public bool IsError => Error is not null;
}

/// <summary>
/// The query pipeline, the one home for it: BM25 candidates → embedding rerank → fusion → smooth Top-k → page.
/// Used alike by the REST API, the Blazor pages, the feeds and the CLI.
/// </summary>
public sealed partial class SearchService
{
    public Task<SearchOutcome> SearchAsync(SearchRequest request, CancellationToken ct = default) =>
        throw new NotImplementedException("being wired to the index by the lead");
}
