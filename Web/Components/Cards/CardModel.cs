using PaperSearch.Papers;
using PaperSearch.Web.Exports;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Components.Cards;

/// <summary>
/// What a result card shows, whichever list it comes from (a search hit, a daily listing, a related paper).
/// The two *Html fields are the index's highlights: already encoded, only &lt;mark&gt; added.
/// </summary>
public sealed record CardModel
{
    public required string Id { get; init; }
    public int? Version { get; init; }
    public required string Title { get; init; }
    public string? TitleHtml { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string Abstract { get; init; } = "";
    public string? AbstractHtml { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public DateOnly? Date { get; init; }
    public bool Withdrawn { get; init; }
    public string? Comments { get; init; }
    public string? Tldr { get; init; }

    /// <summary>The summary part a search matched (highlighted HTML): the card shows it, open.</summary>
    public HitSummary? SummaryMatch { get; init; }
    public HitExplain? Explain { get; init; }

    /// <summary>The metadata a citation needs; search hits carry no DOI or journal reference.</summary>
    public Paper? Paper { get; init; }

    public string ArxivUrl => ArxivLinks.Abs(Id);

    /// <summary>
    /// What "Copy" puts on the clipboard: title, authors, the whole abstract (a search card shows only the highlighted
    /// passage) and the arXiv link, each on one line.
    /// </summary>
    public string CopyText => string.Join("\n",
        Citation.OneLine(Title), string.Join(", ", Authors.Select(Citation.OneLine)), "", Citation.OneLine(Abstract), "", ArxivUrl);

    public static CardModel FromHit(SearchHit hit) => new()
    {
        Id = hit.Id,
        Title = hit.Title,
        TitleHtml = hit.Highlights.Title,
        Authors = hit.Authors,
        Abstract = hit.Abstract,
        AbstractHtml = hit.Highlights.Abstract,
        Categories = hit.Categories,
        Date = hit.Submitted,
        Tldr = hit.Tldr,
        SummaryMatch = hit.Highlights.Summary,
        Explain = hit.Explain,
    };

    public static CardModel FromPaper(Paper paper, string? tldr = null) => new()
    {
        Id = paper.Id,
        Version = paper.Version,
        Title = paper.Title,
        Authors = paper.Authors,
        Abstract = paper.Abstract,
        Categories = paper.Categories,
        Date = paper.EffectiveDate,
        Withdrawn = paper.Withdrawn,
        Comments = paper.Comments,
        Tldr = tldr,
        Paper = paper,
    };

    /// <summary>A paper record for <see cref="Exports.BibTex.For"/>: the full one when known, else rebuilt from the card.</summary>
    public Paper ToPaper() => Paper ?? new Paper
    {
        Id = Id,
        Title = Title,
        Authors = Authors,
        Abstract = Abstract,
        Categories = Categories,
        ListingDate = Date,
        Version = Version ?? 1,
    };
}
