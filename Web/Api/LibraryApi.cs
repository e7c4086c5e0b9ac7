using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using PaperSearch.Web.Library;
using PaperSearch.Web.Related;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Api;

/// <summary>The JSON body of <c>POST /api/library/match</c>: a .bib file's text and/or a list of ids to import into a library.</summary>
public sealed record LibraryMatchRequest(string? Bibtex = null, IReadOnlyList<string>? Ids = null);

/// <summary>What an import found: the stored papers the inputs name (with their titles) and the inputs that name none.</summary>
public sealed record LibraryMatchResult(IReadOnlyList<RecognisedInput> Papers, IReadOnlyList<UnmatchedInput> Unmatched);

/// <summary>
/// The server's part of the reader's library (which itself lives in the browser): turning an import (a Zotero or
/// Mendeley .bib, a list of ids) into the papers of this instance, matched as related work matches its inputs.
/// </summary>
public static class LibraryApi
{
    /// <summary>A .bib of a few thousand entries with abstracts, JSON-escaped.</summary>
    public const long MaxBodyBytes = 8L << 20;

    public static IEndpointRouteBuilder MapLibraryApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/library/match", MatchAsync)
            .WithName("MatchLibraryImport")
            .WithTags("Library")
            .WithSummary("Which papers of this instance a .bib or a list of ids names (a library's import)")
            .WithDescription("JSON {bibtex, ids}. Entries are matched by eprint, arXiv URL or DOI, else by title; each input that names " +
                             $"no stored paper is listed with the reason. At most {RecommendRequest.MaxPositives} ids and {BibTexReader.MaxEntries} entries; body limit 8 MiB.")
            .Accepts<LibraryMatchRequest>("application/json")
            .Produces<LibraryMatchResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> MatchAsync(HttpContext http, RelatedWorkService related, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (http.Request.ContentLength > MaxBodyBytes) return TooLarge();
        if (!http.Request.HasJsonContentType())
            return TypedResults.Problem("Send application/json: {\"bibtex\": \"@article{…}\"} or {\"ids\": [\"2401.06769\"]}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.");
        LibraryMatchRequest? body;
        try { body = await JsonSerializer.DeserializeAsync<LibraryMatchRequest>(http.Request.Body, JsonOptions, ct); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(); }
        catch (JsonException e) { return Invalid("body", $"The body is not valid JSON ({e.Message})."); }

        var ids = (body?.Ids ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).ToList();
        if (ids.Count == 0 && string.IsNullOrWhiteSpace(body?.Bibtex))
            return Invalid("body", "Nothing to import: send the text of a .bib file in \"bibtex\" or arXiv ids in \"ids\".");
        if (ids.Count > RecommendRequest.MaxPositives)
            return Invalid("ids", $"A library holds at most {RecommendRequest.MaxPositives:N0} papers; this import names {ids.Count:N0} ids.");
        try
        {
            var (papers, unmatched) = related.Match(new RelatedWorkRequest { Ids = ids, BibTex = body?.Bibtex });
            return TypedResults.Ok(new LibraryMatchResult(papers, unmatched));
        }
        catch (BibTexFormatException e) { return Invalid("bibtex", e.Message); }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static IResult Invalid(string field, string message)
    {
        var errors = new Dictionary<string, string[]> { [field] = [message] };
        return TypedResults.ValidationProblem(errors, detail: SearchRequestParser.Describe(errors), title: "The import cannot be read.");
    }

    private static IResult TooLarge() => TypedResults.Problem(
        $"The request body is over the limit of {MaxBodyBytes >> 20} MiB. Split the .bib file into smaller ones.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.");
}
