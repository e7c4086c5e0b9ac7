using PaperSearch.Web.Library;

namespace PaperSearch.Web.Api;

/// <summary>The JSON body of <c>POST /api/recommend</c>: the library (<c>positives</c>), what the reader dismissed, filters,
/// and optionally the <c>candidates</c> to order (a page's ids) instead of the whole catalog.</summary>
public sealed record RecommendApiRequest(
    IReadOnlyList<string>? Positives = null, IReadOnlyList<string>? Negatives = null, IReadOnlyList<string>? Candidates = null,
    int? K = null, string? Cat = null, string? From = null, string? To = null, string? Model = null);

public static class RecommendApi
{
    public static IEndpointRouteBuilder MapRecommendApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/recommend", RecommendAsync)
            .WithName("Recommend")
            .WithSummary("Recommendations for a library of papers")
            .WithDescription("JSON {positives, negatives, candidates, k, cat, from, to, model}. A model is learned per request from the " +
                             "library (a ridge scorer on the compressed vectors, the library's nearest papers and its keywords, fused); " +
                             "each hit says why (its nearest library papers, the shared keywords) and how sure (membership). " +
                             "With candidates, only those ids are ordered (a page sorted 'for you'). Body limit 256 KiB.")
            .Accepts<RecommendApiRequest>("application/json")
            .Produces<RecommendResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> RecommendAsync(HttpContext http, RecommendService recommend, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RecommendApiRequest>(http, "{\"positives\": [\"2401.06769\", \"2312.00752\"], \"k\": 20}", InvalidTitle, ct);
        if (body is null) return problem!;
        var (request, errors) = RecommendRequestParser.Parse(new(body.Positives, body.Negatives, body.Candidates,
            body.K?.ToString(System.Globalization.CultureInfo.InvariantCulture), body.Cat, body.From, body.To, body.Model));
        if (request is null) return JsonBody.Invalid(errors, InvalidTitle);
        return TypedResults.Ok(await recommend.RecommendAsync(request, ct));
    }

    private const string InvalidTitle = "The recommendation request is not valid.";
}
