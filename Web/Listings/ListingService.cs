using PaperSearch.Categories;

namespace PaperSearch.Web.Listings;

/// <summary>Daily announcement lists per category expression.</summary>
public sealed partial class ListingService
{
    /// <summary>The list for <paramref name="date"/>, or for the newest day that has papers when null.</summary>
    public Task<DayListing> GetDayAsync(CategoryExpression expression, DateOnly? date, CancellationToken ct = default) =>
        throw new NotImplementedException("being wired to the index by the lead");
}
