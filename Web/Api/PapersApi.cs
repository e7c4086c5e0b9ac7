using PaperSearch.Web.Related;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PaperSearch.Papers;
using PaperSearch.Web.Papers;

namespace PaperSearch.Web.Api;

public static class PapersApi
{
    public const int MaxRelated = 50;

    public static IEndpointRouteBuilder MapPapersApi(this IEndpointRouteBuilder app)
    {
        // {**id} so that old-style ids (hep-th/9901001) and URLs-as-ids route here too; their "/related" ends here as well.
        app.MapGet("/api/papers/{**id}", GetAsync)
            .WithName("GetPaper")
            .WithSummary("One paper by any id form: 2401.06769, 2401.06769v2, hep-th/9901001, https://arxiv.org/abs/…")
            .Produces<PaperDetails>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/papers/{id}/related", RelatedAsync)
            .WithName("GetRelatedPapers")
            .WithSummary("Papers related to one paper: semantic neighbours fused with a BM25 query of its key terms")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, PaperService papers, CancellationToken ct)
    {
        // An old-style id's related list (hep-th/9901001/related) has two segments before "related": the catch-all takes it.
        if (id.EndsWith("/related", StringComparison.Ordinal))
            return await RelatedAsync(id[..^"/related".Length], http.Request.Query["k"].FirstOrDefault(), papers, ct);
        if (!ArxivId.TryParse(id, out var parsed)) return InvalidId(id);
        var details = await papers.GetAsync(parsed.Id, ct);
        return details is null ? NotFound(parsed.Id) : TypedResults.Ok(details with { VersionNotice = PaperDetails.NoticeFor(details.Paper, parsed.Version) });
    }

    private static async Task<Results<Ok<IReadOnlyList<RelatedPaper>>, ProblemHttpResult, ValidationProblem>> RelatedAsync(
        string id, string? k, PaperService papers, CancellationToken ct)
    {
        if (!ArxivId.TryParse(id, out var parsed)) return InvalidId(id);
        var count = 10;
        if (k is not null && (!int.TryParse(k, out count) || count is < 1 or > MaxRelated))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["k"] = [$"k must be a whole number from 1 to {MaxRelated}; got '{Shorten(k)}'."] },
                title: "The request is not valid.");
        if (await papers.GetAsync(parsed.Id, ct) is null) return NotFound(parsed.Id);
        return TypedResults.Ok(await papers.RelatedAsync(parsed.Id, count, ct));
    }

    /// <summary>The 400 for a path that names no arXiv id (shared with the citation download).</summary>
    internal static ValidationProblem InvalidId(string raw) => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["id"] = [$"'{Shorten(raw)}' is not an arXiv id. " +
                  "Use a form such as 2401.06769, 2401.06769v2, hep-th/9901001 or https://arxiv.org/abs/2401.06769."],
    }, title: "The paper id is not valid.");

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No paper with id {id} is in this instance. It may not be harvested yet.",
            statusCode: StatusCodes.Status404NotFound, title: "Paper not found.");

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
