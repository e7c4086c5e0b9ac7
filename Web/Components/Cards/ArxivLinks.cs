namespace PaperSearch.Web.Components.Cards;

/// <summary>Addresses on arxiv.org and on this site for a paper id (old-style ids keep their slash).</summary>
public static class ArxivLinks
{
    public static string Abs(string id) => "https://arxiv.org/abs/" + id;

    public static string Pdf(string id) => "https://arxiv.org/pdf/" + id;

    public static string PaperPage(string id) => "/paper/" + id;

    public static string Related(string id) => "/paper/" + id + "#related";

    public static string List(string expression, DateOnly? date = null) =>
        "/list/" + ExpressionSegment(expression) + (date is { } d ? "?date=" + Day(d) : "");

    /// <summary>A category expression as a path segment: escaped, but with its + kept readable (a + in a path is no space).</summary>
    public static string ExpressionSegment(string expression) =>
        Uri.EscapeDataString(expression).Replace("%2B", "+", StringComparison.Ordinal);

    /// <summary>A day as every URL of the site writes it.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
