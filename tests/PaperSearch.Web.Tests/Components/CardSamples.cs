using PaperSearch.Papers;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Tests.Components;

/// <summary>Small hand-made records for component tests (each test takes what it needs).</summary>
internal static class CardSamples
{
    public static SearchHit Hit(string id = "2503.11731", string title = "Sparse Attention for Long Documents",
        IReadOnlyList<string>? authors = null, HitHighlights? highlights = null, HitExplain? explain = null) =>
        new(id, title, authors ?? ["Ada Lovelace", "Alan Turing"], "We study sparse attention over long documents.",
            ["cs.CL", "cs.LG"], new DateOnly(2025, 3, 18), 1.5,
            highlights ?? new HitHighlights(null, null), explain ?? new HitExplain(12.5, 0.61, 0.72, 0.93));

    public static Paper Paper(string id = "2503.11731", string title = "Sparse Attention for Long Documents") => new()
    {
        Id = id,
        Version = 2,
        Title = title,
        Abstract = "We study sparse attention over long documents.",
        Authors = ["Ada Lovelace", "Alan Turing"],
        Categories = ["cs.CL", "cs.LG"],
        Submitted = new DateTimeOffset(2025, 3, 14, 17, 0, 0, TimeSpan.Zero),
        ListingDate = new DateOnly(2025, 3, 18),
    };

    public static IReadOnlyList<string> Authors(int n) => [.. Enumerable.Range(1, n).Select(i => $"Author Number{i}")];
}
