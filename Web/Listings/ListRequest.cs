using System.Globalization;
using PaperSearch.Categories;

namespace PaperSearch.Web.Listings;

/// <summary>
/// A daily list's two inputs as a person types them, checked in one place for the page, the feed and the API:
/// a category expression (<c>cs.AI+cs.LG-cs.CY</c>, an archive such as <c>cs</c>) and an optional day (YYYY-MM-DD;
/// none means the newest day that has papers).
/// </summary>
public sealed record ListRequest(CategoryExpression Expression, DateOnly? Day)
{
    /// <summary>The request, or null with a message per bad input (keyed <c>expr</c> and <c>date</c>).</summary>
    public static (ListRequest? Request, Dictionary<string, string> Errors) Parse(string? expr, string? date)
    {
        var errors = new Dictionary<string, string>();
        // A blank expression parses as "everything", which is not a list anyone asked for.
        if (!CategoryExpression.TryParse(expr, out var expression, out var exprError) || expression.IsEverything)
            errors["expr"] = exprError ?? "Name at least one category, e.g. cs.CL, or an archive such as cs.";

        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) day = d;
            else errors["date"] = $"'{Shorten(date)}' is not a date; write it as YYYY-MM-DD (e.g. 2025-03-18).";
        }
        return errors.Count == 0 ? (new ListRequest(expression!, day), errors) : (null, errors);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
