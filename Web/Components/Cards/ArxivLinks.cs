namespace PaperSearch.Web.Components.Cards;

/// <summary>Addresses on arxiv.org and on this site for a paper id (old-style ids keep their slash).</summary>
public static class ArxivLinks
{
    public static string Abs(string id) => "https://arxiv.org/abs/" + id;

    public static string Pdf(string id) => "https://arxiv.org/pdf/" + id;

    public static string PaperPage(string id) => "/paper/" + id;

    public static string Related(string id) => "/paper/" + id + "#related";

    public static string List(string expression, DateOnly? date = null) =>
        "/list/" + Uri.EscapeDataString(expression).Replace("%2B", "+", StringComparison.Ordinal)
        + (date is { } d ? "?date=" + d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "");
}
