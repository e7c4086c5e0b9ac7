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
        return app;
    }

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
