using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Api;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync)
            .WithName("Search")
            .WithSummary("Search papers")
            .WithDescription("Free text ranked by BM25 (OR of terms), \"phrases\", +must, -not, field prefixes ti: au: abs: cat: id:. " +
                             "An arXiv id or URL returns that paper first. mode=hybrid reranks BM25 candidates by embedding similarity.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        string? q, string? cat, string? from, string? to, string? sort, string? mode, string? page, string? size,
        SearchService search, IOptions<SearchOptions> options, CancellationToken ct)
    {
        // Parameters arrive as strings so that every malformed value gets our message, not a framework 400/500.
        var (request, errors) = SearchRequestParser.Parse(new(q, cat, from, to, sort, mode, page, size), options.Value.DefaultMode);
        if (request is null) return Problem(errors);
        var outcome = await search.SearchAsync(request, ct);
        return outcome.Response is { } response ? TypedResults.Ok(response) : Problem(new() { ["q"] = [outcome.Error!] });
    }

    internal static ValidationProblem Problem(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: SearchRequestParser.Describe(errors), title: "The search request is not valid.");
}
