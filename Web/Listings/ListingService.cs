using PaperSearch.Categories;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Listings;

/// <summary>Daily announcement lists per category expression.</summary>
public sealed class ListingService(PaperSearcher index, PaperStore store)
{
    /// <summary>How far previous/next look for a day that has papers (weekends and holidays have none).</summary>
    private const int MaxGapDays = 31;

    /// <summary>The list for <paramref name="date"/>, or for the newest day that has papers when null.</summary>
    /// <summary>The newest announcement day with papers for the expression, or null when it has none.</summary>
    public DateOnly? NewestDay(CategoryExpression expression) => index.LatestDate(expression);

    /// <summary>The oldest announcement day with papers for the expression, or null when it has none.</summary>
    public DateOnly? OldestDay(CategoryExpression expression) => index.EarliestDate(expression);

    /// <summary>
    /// A list expression for every paper in the store (the union of its archives, e.g. <c>cs+math+stat</c>), or null when
    /// the index is empty: what a link to "all papers of that day" names, as lists need at least one category.
    /// </summary>
    public string? EverythingExpression() => index.Archives() is { Count: > 0 } archives ? string.Join('+', archives) : null;

    public async Task<DayListing> GetDayAsync(CategoryExpression expression, DateOnly? date, CancellationToken ct = default)
    {
        var day = date ?? index.LatestDate(expression);
        if (day is not { } d) return new DayListing(expression, null, null, null, [], [], new Dictionary<string, string>());

        var ids = index.ListByDay(expression, d);
        var papers = await store.GetManyAsync(ids, ct);
        var counts = papers.SelectMany(p => p.Categories)
            .Where(c => expression.IsEverything || expression.Include.Count == 0
                        || expression.Include.Any(t => c.Equals(t, StringComparison.OrdinalIgnoreCase)
                                                       || CategoryExpression.IsArchiveTerm(t) && c.StartsWith(t + ".", StringComparison.OrdinalIgnoreCase)))
            .GroupBy(c => c).Select(g => new CategoryCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();
        var tldrs = await store.GetTldrsAsync(ids, ct);
        return new DayListing(expression, d, Neighbour(expression, d, -1), Neighbour(expression, d, +1), papers, counts, tldrs);
    }

    /// <summary>The nearest day before (step −1) or after (+1) that has papers for the expression; a cheap count per day.</summary>
    private DateOnly? Neighbour(CategoryExpression expression, DateOnly day, int step)
    {
        for (var i = 1; i <= MaxGapDays; i++)
        {
            // A day at the calendar's very ends (0001-01-01, 9999-12-31) has no neighbour there.
            if (step < 0 ? day.DayNumber - i < DateOnly.MinValue.DayNumber : day.DayNumber + i > DateOnly.MaxValue.DayNumber) return null;
            var d = day.AddDays(i * step);
            if (index.Search(new IndexSearchRequest(null, expression, d, d, IncludeWithdrawn: true, Count: 0)).Total > 0) return d;
        }
        return null;
    }
}
