using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using PaperSearch.Web.Library;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Api;

/// <summary>The JSON body of <c>POST /api/recommend</c>: the library (<c>positives</c>), what the reader dismissed, filters,
/// and optionally the <c>candidates</c> to order (a page's ids) instead of the whole catalog.</summary>
public sealed record RecommendApiRequest(
    IReadOnlyList<string>? Positives = null, IReadOnlyList<string>? Negatives = null, IReadOnlyList<string>? Candidates = null,
    int? K = null, string? Cat = null, string? From = null, string? To = null, string? Model = null);

public static class RecommendApi
{
    /// <summary>Largest body: 2,000 + 2,000 + 1,000 ids with room to spare.</summary>
    public const long MaxBodyBytes = 256 * 1024;

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
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (http.Request.ContentLength > MaxBodyBytes) return TooLarge();
        if (!http.Request.HasJsonContentType())
            return TypedResults.Problem("Send application/json: {\"positives\": [\"2401.06769\", \"2312.00752\"], \"k\": 20}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.");
        RecommendApiRequest? body;
        try { body = await JsonSerializer.DeserializeAsync<RecommendApiRequest>(http.Request.Body, JsonOptions, ct); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(); }
        catch (JsonException e)
        {
            return Problem(new() { ["body"] = [$"The body is not valid JSON ({e.Message}). Send {{\"positives\": [\"2401.06769\"], \"k\": 20}}."] });
        }
        if (body is null) return Problem(new() { ["body"] = ["The body is empty. Send {\"positives\": [\"2401.06769\"]}."] });
        var (request, errors) = RecommendRequestParser.Parse(new(body.Positives, body.Negatives, body.Candidates,
            body.K?.ToString(System.Globalization.CultureInfo.InvariantCulture), body.Cat, body.From, body.To, body.Model));
        if (request is null) return Problem(errors);
        return TypedResults.Ok(await recommend.RecommendAsync(request, ct));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static IResult Problem(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: SearchRequestParser.Describe(errors), title: "The recommendation request is not valid.");

    private static IResult TooLarge() => TypedResults.Problem(
        $"The request body is over the limit of {MaxBodyBytes / 1024:N0} KiB. A library of 2,000 papers fits; send fewer ids.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.");
}
