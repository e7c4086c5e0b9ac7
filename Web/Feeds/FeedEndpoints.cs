using Microsoft.Extensions.Options;
using PaperSearch.Categories;
using PaperSearch.Web.Components.Cards;
using PaperSearch.Web.Components.Query;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Listings;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Feeds;

/// <summary>Atom feeds of any search, any daily list and any saved library, so a feed reader gives keyword, category and library alerts.</summary>
public static class FeedEndpoints
{
    /// <summary>Entries in a search feed unless <c>size</c> says otherwise.</summary>
    public const int DefaultSearchEntries = 50;

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feed").WithTags("Feeds");
        feeds.MapGet("/search", SearchFeedAsync)
            .WithName("SearchFeed")
            .WithSummary("Atom feed of a search (newest first unless sort=relevance).")
            .Produces<string>(StatusCodes.Status200OK, AtomFeed.ContentType.Split(';')[0])
            .ProducesValidationProblem();
        feeds.MapGet("/list/{expr}", ListFeedAsync)
            .WithName("ListFeed")
            .WithSummary("Atom feed of the newest announcement day of a category expression, e.g. cs.AI+cs.LG-cs.CY.")
            .Produces<string>(StatusCodes.Status200OK, AtomFeed.ContentType.Split(';')[0])
            .ProducesProblem(StatusCodes.Status400BadRequest);
        feeds.MapGet("/library/{token}", LibraryFeed.BuildAsync)
            .WithName("LibraryFeed")
            .WithSummary("Atom feed of a saved library: the last Library:FeedDays days' papers ranked for it, each entry saying why; 404 for any unknown or revoked token.")
            .Produces<string>(StatusCodes.Status200OK, AtomFeed.ContentType.Split(';')[0])
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SearchFeedAsync(HttpContext http, SearchService searcher, IOptions<SearchOptions> options,
        string? q, string? cat, string? from, string? to, string? sort, string? mode, string? size, CancellationToken ct)
    {
        // An alert wants what is new: date order unless the subscriber asked otherwise.
        var raw = new SearchRequestParser.Raw(q, cat, from, to, string.IsNullOrWhiteSpace(sort) ? "date" : sort, mode, null,
            string.IsNullOrWhiteSpace(size) ? DefaultSearchEntries.ToString(System.Globalization.CultureInfo.InvariantCulture) : size);
        var (request, errors) = SearchRequestParser.Parse(raw, options.Value.DefaultMode, feed: true);
        if (request is null) return TypedResults.ValidationProblem(errors, SearchRequestParser.Describe(errors), title: "The feed's search parameters are invalid.");

        var outcome = await searcher.SearchAsync(request, ct);
        if (outcome.Response is not { } response)
            return TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest, title: "This query cannot run.");

        var page = new SearchQuery(q, cat, from, to, sort, mode);
        // A query may hold control characters (the index ignores them); AtomFeed.Build cleans the title it goes into.
        var query = request.Query.Text;
        var title = "PaperSearch: " + query + (request.Categories.IsEverything ? "" : $" in {request.Categories}");
        var feed = AtomFeed.Build(title, $"Papers matching “{query}”", BaseUri(http), http.Request.Path + http.Request.QueryString,
            page.ToUrl(), response.Hits.Select(FeedItem.From), DateTimeOffset.UtcNow);
        return TypedResults.Bytes(AtomFeed.Serialize(feed), AtomFeed.ContentType);
    }

    private static async Task<IResult> ListFeedAsync(HttpContext http, ListingService listings, string expr, string? date, CancellationToken ct)
    {
        var (request, errors) = ListRequest.Parse(expr, date);
        if (request is null)
            return TypedResults.Problem(string.Join(" ", errors.Values), statusCode: StatusCodes.Status400BadRequest,
                title: errors.ContainsKey("expr") ? "Unknown category expression." : "Invalid date.");
        var (expression, day) = (request.Expression, request.Day);
        var listing = await listings.GetDayAsync(expression, day, ct);
        var name = expression.ToString();
        var feed = AtomFeed.Build($"PaperSearch: new in {name}",
            listing.Date is { } ld ? $"Papers announced in {name} on {ld:yyyy-MM-dd}" : $"Papers announced in {name}",
            BaseUri(http), http.Request.Path + http.Request.QueryString, ArxivLinks.List(name, day), listing.Papers.Select(FeedItem.From), DateTimeOffset.UtcNow);
        return TypedResults.Bytes(AtomFeed.Serialize(feed), AtomFeed.ContentType);
    }

    /// <summary>PaperSearch:PublicBaseUrl when set; else the request's own (its Host already checked by the front door).</summary>
    internal static Uri BaseUri(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<PaperSearchOptions>>().Value.PublicBase
        ?? new($"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}{http.Request.PathBase}/");
}
