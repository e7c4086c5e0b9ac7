using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Api;

/// <summary>
/// The one reading of a JSON request body for the endpoints that take a library (<c>/api/recommend</c>,
/// <c>/api/libraries</c>): at most <see cref="MaxBytes"/> (413 beyond), <c>application/json</c> only (415), and a body
/// that does not parse as a 400 naming <c>body</c>, each answer with an example a person can copy.
/// </summary>
internal static class JsonBody
{
    /// <summary>Largest body: 2,000 + 2,000 + 1,000 ids with room to spare.</summary>
    public const long MaxBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The body, or the problem to answer instead. <paramref name="example"/> is a small valid body.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext http, string example, string invalidTitle, CancellationToken ct)
        where T : class
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        if (http.Request.ContentLength > MaxBytes) return (null, TooLarge());
        if (!http.Request.HasJsonContentType())
            return (null, TypedResults.Problem($"Send application/json: {example}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type."));
        T? body;
        try { body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, ct); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return (null, TooLarge()); }
        catch (JsonException e)
        {
            return (null, Invalid(new() { ["body"] = [$"The body is not valid JSON ({e.Message}). Send {example}."] }, invalidTitle));
        }
        return body is null ? (null, Invalid(new() { ["body"] = [$"The body is empty. Send {example}."] }, invalidTitle)) : (body, null);
    }

    /// <summary>A 400 listing each field's problem.</summary>
    public static IResult Invalid(Dictionary<string, string[]> errors, string title) =>
        TypedResults.ValidationProblem(errors, detail: SearchRequestParser.Describe(errors), title: title);

    private static IResult TooLarge() => TypedResults.Problem(
        $"The request body is over the limit of {MaxBytes / 1024:N0} KiB. A library of 2,000 papers fits; send fewer ids.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.");
}
