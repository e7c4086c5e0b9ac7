using PaperSearch.Indexer.Store;
using PaperSearch.Web.Feeds;
using PaperSearch.Web.Hardening;
using PaperSearch.Web.Library;

namespace PaperSearch.Web.Api;

/// <summary>The JSON body of <c>POST</c> and <c>PUT /api/libraries</c>: the library's ids, what the reader dismissed, an optional category expression and name.</summary>
public sealed record SaveLibraryApiRequest(IReadOnlyList<string>? Positives = null, IReadOnlyList<string>? Negatives = null, string? Cat = null, string? Name = null);

/// <summary>A saved library: its capability <paramref name="Token"/> (shown once; only its hash is kept), the absolute URL of its
/// Atom feed, and when it expires (null: never, until revoked).</summary>
public sealed record SavedLibraryResponse(string Token, string Feed, DateTimeOffset? Expires);

/// <summary>
/// "Get a feed for this library": the library kept in the browser is saved on the server under an unguessable token, the
/// only thing that names it (no account). <c>POST</c> saves, <c>PUT</c> replaces the contents, <c>DELETE</c> revokes; the
/// feed is <c>/feed/library/{token}</c> (<see cref="LibraryFeed"/>).
/// </summary>
public static class SavedLibraryApi
{
    private const string Example = "{\"positives\": [\"2401.06769\", \"2312.00752\"], \"name\": \"My reading\"}";
    private const string InvalidTitle = "The library is not valid.";

    public static IEndpointRouteBuilder MapSavedLibraryApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/libraries", CreateAsync)
            .WithName("SaveLibrary")
            .WithSummary("Save a library for its Atom feed")
            .WithDescription("JSON {positives, negatives, cat, name} (the same rules as /api/recommend; name at most 200 characters). " +
                             "Answers 201 {token, feed, expires}: the feed URL /feed/library/{token} is the only key to the library, shown " +
                             "once; the server keeps the ids and the token's SHA-256, nothing else. Rate limited per client " +
                             "(RateLimit:SaveLibraryPerHour). Body limit 256 KiB.")
            .Accepts<SaveLibraryApiRequest>("application/json")
            .Produces<SavedLibraryResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(SaveLibraryRateLimit.Policy)
            .DisableAntiforgery();
        app.MapPut("/api/libraries/{token}", UpdateAsync)
            .WithName("UpdateLibrary")
            .WithSummary("Replace a saved library's contents")
            .WithDescription("The same body as saving. 404 when the token names no library or it was revoked. Rate limited like saving.")
            .Accepts<SaveLibraryApiRequest>("application/json")
            .Produces<SavedLibraryResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(SaveLibraryRateLimit.Policy)
            .DisableAntiforgery();
        app.MapDelete("/api/libraries/{token}", RevokeAsync)
            .WithName("RevokeLibrary")
            .WithSummary("Revoke a saved library")
            .WithDescription("Erases the library's ids and name; its feed and this URL answer 404 from then on, as for a token that never existed.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, PaperStore store, CancellationToken ct)
    {
        var (content, problem) = await ReadAsync(http, ct);
        if (content is null) return problem!;
        var token = LibraryToken.New();
        await store.CreateSavedLibraryAsync(SavedLibrary.HashToken(token), content.Positives, content.Negatives, content.Categories, content.Name, ct);
        var saved = Describe(http, token);
        return TypedResults.Created(saved.Feed, saved);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, PaperStore store, string token, CancellationToken ct)
    {
        var (content, problem) = await ReadAsync(http, ct);
        if (content is null) return problem!;
        var updated = await store.UpdateSavedLibraryAsync(SavedLibrary.HashToken(token), content.Positives, content.Negatives, content.Categories, content.Name, ct);
        return updated ? TypedResults.Ok(Describe(http, token)) : UnknownLibrary.Result(http);
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, PaperStore store, string token, CancellationToken ct) =>
        await store.RevokeSavedLibraryAsync(SavedLibrary.HashToken(token), ct) ? TypedResults.NoContent() : UnknownLibrary.Result(http);

    private sealed record Content(IReadOnlyList<string> Positives, IReadOnlyList<string> Negatives, string? Categories, string? Name);

    /// <summary>The body read and checked by the recommendation rules (ids, at most 2,000 each, the category expression), plus the name.</summary>
    private static async Task<(Content? Content, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<SaveLibraryApiRequest>(http, Example, InvalidTitle, ct);
        if (body is null) return (null, problem);
        var (request, errors) = RecommendRequestParser.Parse(new(body.Positives, body.Negatives, Cat: body.Cat));
        var name = string.IsNullOrWhiteSpace(body.Name) ? null : body.Name.Trim();
        if (name is { Length: > SavedLibrary.MaxNameLength })
            errors["name"] = [$"A library's name has at most {SavedLibrary.MaxNameLength} characters; this one has {name.Length:N0}."];
        if (request is null || errors.Count > 0) return (null, JsonBody.Invalid(errors, InvalidTitle));
        var categories = request.Categories.IsEverything ? null : body.Cat!.Trim();
        return (new Content(request.Positives, request.Negatives, categories, name), null);
    }

    private static SavedLibraryResponse Describe(HttpContext http, string token) =>
        new(token, new Uri(FeedEndpoints.BaseUri(http), LibraryFeed.PathOf(token)).AbsoluteUri, null);
}
