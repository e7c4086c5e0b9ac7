using Microsoft.AspNetCore.Http.HttpResults;
using PaperSearch.Web.Hardening;
using PaperSearch.Web.Listings;

namespace PaperSearch.Web.Api;

/// <summary>The daily lists as JSON: what <c>/list/{expr}</c> shows, for scripts and other front ends.</summary>
public static class ListsApi
{
    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/lists/{expr}", GetAsync)
            .WithName("GetDayList")
            .WithSummary("Papers announced on one day in a category expression, e.g. cs.AI+cs.LG-cs.CY")
            .WithDescription("Join categories with +, exclude with -; an archive such as cs means all of it. Without date, the newest " +
                             "day that has papers. previousDate and nextDate name the neighbouring days with papers.")
            .ProducesValidationProblem()
            .CacheOutput(OutputCachePolicies.Lists);
        // What the in-page keyword filter searches for a whole day, whatever page of cards is loaded: per paper its id
        // and the text of title, authors, abstract (TeX source) and Chinese TL;DR. Fetched by site.js only once a keyword
        // is typed, so the list page itself stays small. Not part of the public API.
        app.MapGet("/list-keywords/{expr}", KeywordsAsync).ExcludeFromDescription().CacheOutput(OutputCachePolicies.Lists);
        return app;
    }

    private static async Task<IResult> KeywordsAsync(string expr, string? date, ListingService listings, CancellationToken ct)
    {
        var (request, errors) = ListRequest.Parse(expr, date);
        if (request is null) return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        var day = await listings.GetDayAsync(request.Expression, request.Day, ct);
        return TypedResults.Json(day.Papers.Select(p => new KeywordText(p.Id, p.Title, string.Join(", ", p.Authors), p.Abstract, day.TldrOf(p))));
    }

    /// <summary>One paper's searchable text for the keyword filter (short names keep the day's JSON small).</summary>
    public sealed record KeywordText(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("t")] string Title,
        [property: System.Text.Json.Serialization.JsonPropertyName("a")] string Authors,
        [property: System.Text.Json.Serialization.JsonPropertyName("b")] string Abstract,
        [property: System.Text.Json.Serialization.JsonPropertyName("z")] string? Tldr);

    private static async Task<Results<Ok<DayListResponse>, ValidationProblem>> GetAsync(
        string expr, string? date, ListingService listings, CancellationToken ct)
    {
        var (request, errors) = ListRequest.Parse(expr, date);
        if (request is null)
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
                detail: string.Join(" ", errors.Values), title: "The list request is not valid.");
        return TypedResults.Ok(DayListResponse.From(await listings.GetDayAsync(request.Expression, request.Day, ct)));
    }
}
