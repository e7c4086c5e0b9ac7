using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Web.Api;
using PaperSearch.Web.Hardening;
using PaperSearch.Web.Listings;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Exports;

/// <summary>
/// Citation downloads (BibTeX, RIS) of one paper, a search result page, a daily list and a selection of ids. Each reads
/// its request with the parser its page or API uses (<see cref="ArxivId"/>, <see cref="SearchRequestParser"/>,
/// <see cref="ListRequest"/>) and writes through <see cref="ExportFormat"/>; all are under /api, so the API's rate limit covers them.
/// </summary>
public static class ExportEndpoints
{
    private const string CiteSuffix = "/cite";

    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Exports");
        // Any id form has a slash in it (hep-th/9901001, URLs), so the id is a catch-all like the papers API's; a
        // constrained catch-all outranks that unconstrained one, so only …/cite comes here.
        api.MapGet("/papers/{**id:regex(.+/cite$)}", PaperAsync).ExcludeFromDescription();
        // The same, as the OpenAPI document describes it (a one-segment id; the catch-all above takes old-style ids).
        api.MapGet("/papers/{id}/cite", (string id, string? format, PaperStore store, CancellationToken ct) => PaperAsync(id + CiteSuffix, format, store, ct))
            .WithName("CitePaper")
            .WithSummary("One paper's citation as a download: /api/papers/{id}/cite?format=bibtex|ris")
            .Produces<string>(StatusCodes.Status200OK, "application/x-bibtex", "application/x-research-info-systems")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/search/export", SearchAsync)
            .WithName("ExportSearch")
            .WithSummary("The papers of one search result page (the search's parameters, page and size) as a BibTeX or RIS download")
            .Produces<string>(StatusCodes.Status200OK, "application/x-bibtex", "application/x-research-info-systems");
        api.MapGet("/lists/{expr}/export", ListAsync)
            .WithName("ExportDayList")
            .WithSummary("Every paper of one day's list of a category expression as a BibTeX or RIS download")
            .Produces<string>(StatusCodes.Status200OK, "application/x-bibtex", "application/x-research-info-systems")
            .CacheOutput(OutputCachePolicies.Lists);
        api.MapGet("/export", GetSelectionAsync)
            .WithName("ExportSelection")
            .WithSummary($"Papers named by id (ids=a,b,c; at most {SelectionRequest.MaxIds}) as a BibTeX or RIS download; " +
                         "ids not in this instance are left out and named in the X-Missing-Ids header")
            .Produces<string>(StatusCodes.Status200OK, "application/x-bibtex", "application/x-research-info-systems")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // The Library page's export: a plain form post (ids, format), so a library of any size downloads without a long URL.
        api.MapPost("/export", PostedSelectionAsync)
            .WithName("ExportPostedSelection")
            .WithSummary($"The same as GET /api/export, with ids and format in a form body (at most {SelectionRequest.MaxPostedIds} ids)")
            .Accepts<SelectionForm>("application/x-www-form-urlencoded")
            .Produces<string>(StatusCodes.Status200OK, "application/x-bibtex", "application/x-research-info-systems")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> PaperAsync(
        string id, string? format, PaperStore store, CancellationToken ct)
    {
        var raw = id[..^CiteSuffix.Length];
        if (!ArxivId.TryParse(raw, out var parsed)) return PapersApi.InvalidId(raw);
        var errors = new Dictionary<string, string[]>();
        if (Format(format, errors) is not { } f) return Problem(errors);
        return await store.GetAsync(parsed.Id, ct) is { } paper
            ? Download(f, [paper], DownloadName.For(parsed.Id, null, f))
            : PapersApi.NotFound(parsed.Id);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> SearchAsync(
        [AsParameters] SearchRequestParser.Raw raw, string? format, SearchService search, PaperStore store,
        IOptions<SearchOptions> options, CancellationToken ct)
    {
        var (request, errors) = SearchRequestParser.Parse(raw, options.Value.DefaultMode);
        if (Format(format, errors) is not { } f || request is null) return SearchApi.Problem(errors);

        var outcome = await search.SearchAsync(request, ct);
        if (outcome.Response is not { } response) return SearchApi.Problem(new() { ["q"] = [outcome.Error!] });
        // The whole records: a hit lacks what a citation wants (DOI, journal reference, submission date).
        var papers = await store.GetManyAsync([.. response.Hits.Select(h => h.Id)], ct);
        return Download(f, papers, DownloadName.For(request.Query.Text, Today(), f));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ListAsync(
        string expr, string? date, string? format, ListingService listings, CancellationToken ct)
    {
        var (request, errors) = ListRequest.Parse(expr, date);
        var problems = errors.ToDictionary(e => e.Key, e => new[] { e.Value });
        if (Format(format, problems) is not { } f || request is null) return Problem(problems);

        var listing = await listings.GetDayAsync(request.Expression, request.Day, ct);
        return Download(f, listing.Papers, DownloadName.For(request.Expression.ToString(), listing.Date ?? Today(), f));
    }

    /// <summary>The fields of a posted selection.</summary>
    public sealed record SelectionForm(string? Ids, string? Format);

    private static Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetSelectionAsync(
        string? ids, string? format, PaperStore store, HttpResponse response, CancellationToken ct) =>
        SelectionAsync(ids, format, SelectionRequest.MaxIds, store, response, ct);

    // An export only reads, so a cross-site post can do nothing a link could not: no antiforgery token is asked for.
    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> PostedSelectionAsync(
        HttpRequest request, PaperStore store, HttpResponse response, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Problem(new() { ["body"] = ["Send a form (application/x-www-form-urlencoded) with ids=2401.06769,2312.00752 and format=bibtex or ris."] });
        var form = await request.ReadFormAsync(ct);
        return await SelectionAsync(form["ids"].ToString(), form["format"].ToString(), SelectionRequest.MaxPostedIds, store, response, ct);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SelectionAsync(
        string? ids, string? format, int maxIds, PaperStore store, HttpResponse response, CancellationToken ct)
    {
        var (selection, error) = SelectionRequest.Parse(ids, maxIds);
        var problems = new Dictionary<string, string[]>();
        if (error is not null) problems["ids"] = [error];
        if (Format(format, problems) is not { } f || selection is null) return Problem(problems);

        var papers = await store.GetManyAsync(selection.Ids, ct);
        if (papers.Count == 0)
            return TypedResults.Problem($"None of the {selection.Ids.Count} papers is in this instance. They may not be harvested yet.",
                statusCode: StatusCodes.Status404NotFound, title: "No paper found.");
        var missing = selection.Ids.Except(papers.Select(p => p.Id), StringComparer.Ordinal).ToList();
        if (missing.Count > 0) response.Headers["X-Missing-Ids"] = string.Join(',', missing);
        return Download(f, papers, DownloadName.For("selection", Today(), f));
    }

    /// <summary>The format, or null with its message added to the other parameters' (one 400 names every bad parameter).</summary>
    private static ExportFormat? Format(string? format, Dictionary<string, string[]> errors)
    {
        var (parsed, error) = ExportFormat.Parse(format);
        if (error is not null) errors["format"] = [error];
        return parsed;
    }

    private static FileContentHttpResult Download(ExportFormat format, IEnumerable<Paper> papers, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(format.Write(papers)), format.MediaType + "; charset=utf-8", fileName);

    private static ValidationProblem Problem(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: SearchRequestParser.Describe(errors), title: "The export request is not valid.");

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
