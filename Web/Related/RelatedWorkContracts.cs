using PaperSearch.Categories;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Related;

/// <summary>Which evidence orders related work: both fused (the product), or one side alone (for <c>eval</c> rows).</summary>
public enum RelatedRanking { Hybrid, Bm25, Semantic }

public enum RelatedSort { Relevance, Date }

/// <summary>
/// "What related work am I missing?": any mix of a free text (an abstract, a draft, LaTeX source), arXiv ids and a
/// BibTeX file. Inputs that name stored papers contribute their text and vector and are never among the results.
/// </summary>
public sealed record RelatedWorkRequest
{
    public string Text { get; init; } = "";
    public IReadOnlyList<string> Ids { get; init; } = [];
    public string? BibTex { get; init; }
    public int K { get; init; } = 20;
    public CategoryExpression Categories { get; init; } = CategoryExpression.Everything;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public RelatedSort Sort { get; init; } = RelatedSort.Relevance;
    public RelatedRanking Ranking { get; init; } = RelatedRanking.Hybrid;

    /// <summary>Stored ids left out of the results without being used as input (<c>eval</c>: the query document itself).</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = [];

    public const int MaxK = 100;
}

/// <summary>An input that named a stored paper: how it was recognised (<c>id</c>, <c>eprint</c>, <c>url</c>, <c>doi</c>,
/// <c>title</c>, <c>text</c> for a pasted paper found in the store) and what it named.</summary>
public sealed record RecognisedInput(string Input, string Id, string Title, string How);

/// <summary>An input that names no stored paper: a BibTeX entry (its line and key) or an id. Reported, never dropped
/// silently; a BibTeX entry's title and abstract still join the text.</summary>
public sealed record UnmatchedInput(string Input, int? Line, string Reason);

/// <summary>A related paper and why: the query terms it shares (as words), its cosine, the fused score and membership.</summary>
public sealed record RelatedPaper(
    string Id, string Title, IReadOnlyList<string> Authors, IReadOnlyList<string> Categories,
    DateOnly? Date, double Score, HitExplain Explain, IReadOnlyList<string> SharedTerms)
{
    public string Abstract { get; init; } = "";
    public string? Tldr { get; init; }
}

/// <summary>
/// The answer: <paramref name="Hits"/> best first (or newest first with sort=date), the query terms chosen from the
/// inputs, the inputs recognised and those not, and notices a person can act on.
/// </summary>
public sealed record RelatedWorkResult(
    IReadOnlyList<RelatedPaper> Hits,
    IReadOnlyList<string> Terms,
    IReadOnlyList<RecognisedInput> Recognised,
    IReadOnlyList<UnmatchedInput> Unmatched,
    IReadOnlyList<string> Notices,
    string Ranking,
    long TookMs,
    bool Partial = false);
