using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PaperSearch.Web.Related;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Api;

/// <summary>The JSON body of <c>POST /api/related</c>; every field is optional, but one of text, ids and bibtex must say something.</summary>
public sealed record RelatedApiRequest(
    string? Text = null, IReadOnlyList<string>? Ids = null, string? Bibtex = null, int? K = null,
    string? Cat = null, string? From = null, string? To = null, string? Sort = null, string? Mode = null);

public static class RelatedApi
{
    /// <summary>Largest request body: a 200,000-character draft or a big .bib, JSON-escaped, with room to spare.</summary>
    public const long MaxBodyBytes = 1 << 20;

    public static IEndpointRouteBuilder MapRelatedApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/related", RelatedAsync)
            .WithName("FindRelatedWork")
            .WithSummary("Related work for a text, arXiv ids or a BibTeX file")
            .WithDescription("JSON {text, ids, bibtex, k, cat, from, to, sort, mode}, or multipart/form-data with the same fields and a .bib file " +
                             "in 'bib'. Inputs that name stored papers are excluded from the results; unmatched BibTeX entries are listed. " +
                             "Body limit 1 MiB.")
            .Accepts<RelatedApiRequest>("application/json", "multipart/form-data")
            .Produces<RelatedWorkResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> RelatedAsync(HttpContext http, RelatedWorkService related, IOptions<RelatedOptions> options, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (http.Request.ContentLength > MaxBodyBytes) return TooLarge();
        RelatedRequestParser.Raw raw;
        try
        {
            if (http.Request.HasFormContentType) raw = await RelatedForm.ReadAsync(await http.Request.ReadFormAsync(ct), ct);
            else if (http.Request.HasJsonContentType())
            {
                RelatedApiRequest? body;
                try { body = await JsonSerializer.DeserializeAsync<RelatedApiRequest>(http.Request.Body, JsonOptions, ct); }
                catch (JsonException e)
                {
                    return Invalid("body", $"The body is not valid JSON ({e.Message}). Send {{\"text\": \"…\", \"ids\": [\"2401.06769\"], \"k\": 20}}.");
                }
                if (body is null) return Invalid("body", "The body is empty. Send {\"text\": \"…\"}.");
                raw = new(body.Text, string.Join(',', body.Ids ?? []), body.Bibtex, body.K?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    body.Cat, body.From, body.To, body.Sort, body.Mode);
            }
            else return TypedResults.Problem("Send application/json ({\"text\": \"…\"}) or multipart/form-data (fields text, ids, k and a .bib file in 'bib').",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(); }
        catch (InvalidDataException e) { return Invalid("body", $"The form could not be read: {e.Message}"); }

        var (request, errors) = RelatedRequestParser.Parse(raw, options.Value.MaxTextLength);
        if (request is null) return Problem(errors);
        try { return TypedResults.Ok(await related.FindAsync(request, ct)); }
        catch (BibTexFormatException e) { return Invalid("bibtex", e.Message); }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static IResult Invalid(string field, string message) => Problem(new() { [field] = [message] });

    private static ValidationProblem Problem(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: SearchRequestParser.Describe(errors), title: "The related-work request is not valid.");

    private static IResult TooLarge() => TypedResults.Problem(
        $"The request body is over the limit of {MaxBodyBytes / 1024:N0} KiB (1 MiB). Send the abstract and introduction rather than a whole thesis, " +
        "or export a smaller .bib.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.");
}
