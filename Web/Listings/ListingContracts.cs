using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Web.Listings;

/// <summary>The papers of one announcement day for a category expression, like an arXiv "new" list.</summary>
public sealed record DayListing(
    CategoryExpression Expression,
    DateOnly? Date,
    DateOnly? PreviousDate,
    DateOnly? NextDate,
    IReadOnlyList<Paper> Papers,
    IReadOnlyList<CategoryCount> CountsByCategory,
    IReadOnlyDictionary<string, string> Tldrs)
{
    public string? TldrOf(Paper paper) => Tldrs.GetValueOrDefault(paper.Id);
}

public sealed record CategoryCount(string Category, int Count);

/// <summary>What <c>GET /api/lists/{expr}</c> answers: one announcement day of a category expression.</summary>
/// <param name="Date">The day listed: the one asked for, or the newest with papers; null when the index has none.</param>
/// <param name="PreviousDate">The nearest earlier day with papers for the expression (within a month), for paging.</param>
/// <param name="Categories">Papers per category of the expression on that day, most first.</param>
public sealed record DayListResponse(
    string Expression,
    DateOnly? Date,
    DateOnly? PreviousDate,
    DateOnly? NextDate,
    int Total,
    IReadOnlyList<CategoryCount> Categories,
    IReadOnlyList<ListedPaper> Papers)
{
    public static DayListResponse From(DayListing l) => new(l.Expression.ToString(), l.Date, l.PreviousDate, l.NextDate,
        l.Papers.Count, l.CountsByCategory, [.. l.Papers.Select(p => ListedPaper.From(p, l.TldrOf(p)))]);
}

/// <summary>One paper of a daily list: what a list card shows; <c>/api/papers/{id}</c> has the whole record.</summary>
public sealed record ListedPaper(
    string Id, int Version, string Title, IReadOnlyList<string> Authors, string Abstract, IReadOnlyList<string> Categories,
    DateOnly? Date, bool Withdrawn, string? Comments, string? Tldr)
{
    public static ListedPaper From(Paper p, string? tldr) =>
        new(p.Id, p.Version, p.Title, p.Authors, p.Abstract, p.Categories, p.EffectiveDate, p.Withdrawn, p.Comments, tldr);
}
