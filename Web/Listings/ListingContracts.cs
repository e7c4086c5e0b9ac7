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
    IReadOnlyList<CategoryCount> CountsByCategory);

public sealed record CategoryCount(string Category, int Count);
