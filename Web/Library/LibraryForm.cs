using System.Text.Json;

namespace PaperSearch.Web.Library;

/// <summary>One starred paper as the browser keeps it (wwwroot/js/library.js): its id and the reader's tags.</summary>
public sealed record LibraryEntry(string Id, IReadOnlyList<string> Tags);

/// <summary>
/// The library the For-you page is posted (a hidden field the script fills from localStorage): the starred papers with
/// their tags and the dismissed ones. The browser is the library's home; the server reads it per request and keeps nothing.
/// </summary>
public sealed record LibraryForm(IReadOnlyList<LibraryEntry> Papers, IReadOnlyList<string> Dismissed)
{
    /// <summary>Bigger than any library the recommender accepts (2,000 papers with tags), small enough to refuse junk.</summary>
    public const int MaxJsonLength = 512 * 1024;

    public static readonly LibraryForm Empty = new([], []);

    /// <summary>Every tag of the library, most used first (ties alphabetical), for the page's per-tag sections.</summary>
    public IReadOnlyList<string> Tags => Papers.SelectMany(p => p.Tags).GroupBy(t => t, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

    /// <summary>The library's ids, or only those with <paramref name="tag"/>.</summary>
    public IReadOnlyList<string> Positives(string? tag) =>
        Papers.Where(p => string.IsNullOrEmpty(tag) || p.Tags.Contains(tag, StringComparer.Ordinal)).Select(p => p.Id).ToList();

    /// <summary>The posted JSON (<c>{"papers": [{"id": "…", "tags": ["…"]}], "dismissed": ["…"]}</c>), or an error to show.</summary>
    public static (LibraryForm? Library, string? Error) Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return (Empty, null);
        if (json.Length > MaxJsonLength) return (null, $"The library is over {MaxJsonLength / 1024:N0} KiB; export part of it instead.");
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(json, Options);
            var papers = (wire?.Papers ?? []).Where(p => !string.IsNullOrWhiteSpace(p?.Id))
                .Select(p => new LibraryEntry(p!.Id!.Trim(), (p.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList()))
                .ToList();
            var dismissed = (wire?.Dismissed ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).ToList();
            return (new LibraryForm(papers, dismissed), null);
        }
        catch (JsonException e) { return (null, $"The library sent by this browser cannot be read ({e.Message}). Export it from the Library page to keep a copy, then clear it."); }
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record WireEntry(string? Id, List<string>? Tags);
    private sealed record Wire(List<WireEntry?>? Papers, List<string>? Dismissed);
}
