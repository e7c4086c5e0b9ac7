using PaperSearch.Web.Components.Cards;

namespace PaperSearch.Web.Exports;

/// <summary>Where the pages' "Export: BibTeX · RIS" links point: the routes of <see cref="ExportEndpoints"/>.</summary>
public static class ExportUrls
{
    public const string SearchPath = "/api/search/export";

    public static string Paper(string id, ExportFormat format) => $"/api/papers/{id}/cite?format={format.Name}";

    /// <summary>A search page's own URL (<c>SearchQuery.ToUrl(SearchPath)</c>) with the format added.</summary>
    public static string Search(string searchUrl, ExportFormat format) =>
        searchUrl + (searchUrl.Contains('?') ? '&' : '?') + "format=" + format.Name;

    public static string List(string expression, DateOnly? day, ExportFormat format) =>
        $"/api/lists/{ArxivLinks.ExpressionSegment(expression)}/export?"
        + (day is { } d ? $"date={ArxivLinks.Day(d)}&" : "") + $"format={format.Name}";

    public static string Selection(IEnumerable<string> ids, ExportFormat format) =>
        $"/api/export?ids={Uri.EscapeDataString(string.Join(',', ids))}&format={format.Name}";
}
