using PaperSearch.Categories;
using PaperSearch.Indexer.Index;

namespace PaperSearch.Web.Search;

public enum SearchSort { Relevance, Date }

/// <summary>How candidates are ranked: keyword only, embedding only, or BM25 candidates reranked by embeddings.</summary>
public enum SearchMode { Hybrid, Bm25, Semantic }

/// <summary>
/// A validated search request, parsed once (<see cref="SearchRequestParser"/>): the one input of the query pipeline,
/// whoever calls it. The query text and the category expression are already parsed; nothing downstream reads raw text.
/// </summary>
public sealed record SearchRequest
{
    public required ParsedQuery Query { get; init; }
    public CategoryExpression Categories { get; init; } = CategoryExpression.Everything;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 20;

    /// <summary>
    /// Any free word (BM25 ranks by how many match) or all of them. All when results are in date order or served as
    /// a feed: there the rank cannot push a paper matching one word of five below the real matches.
    /// </summary>
    public WordMatch Match { get; init; } = WordMatch.Any;

    /// <summary>Builds a request for code (CLI, eval, warm-up) from query text; throws <see cref="QuerySyntaxException"/>.</summary>
    public static SearchRequest For(string text, SearchMode mode = SearchMode.Hybrid, int size = 20) =>
        new() { Query = PaperQuery.Parse(text), Mode = mode, Size = size };
}

/// <summary>
/// One page of results. <paramref name="Partial"/> is true when the query hit the time budget
/// (<c>Search:TimeBudgetMs</c>): the hits are the best among the papers searched before time ran out, Total counts
/// only those. <paramref name="Notice"/> says in words a person can act on what else the reader should know
/// (a partial search, a query of only common words, what semantic mode could not honour).
/// </summary>
public sealed record SearchResponse(
    long Total, int Page, int Size, long TookMs, string Mode, IReadOnlyList<SearchHit> Hits, bool Partial = false, string? Notice = null);

/// <summary>One result. Highlights are HTML: the text was encoded first, then matches wrapped in &lt;mark&gt;.</summary>
public sealed record SearchHit(
    string Id,
    string Title,
    IReadOnlyList<string> Authors,
    string Abstract,
    IReadOnlyList<string> Categories,
    DateOnly? Submitted,
    double Score,
    HitHighlights Highlights,
    HitExplain Explain,
    string? Tldr = null);

/// <summary><paramref name="Summary"/>: the part of the Chinese summary the query matched, when the title and abstract
/// cannot show the match (a Chinese query, a paper found through its summary).</summary>
public sealed record HitHighlights(string? Title, string? Abstract, HitSummary? Summary = null);

/// <summary>One part of a paper's machine-written summary (<paramref name="Part"/>: tldr, motivation, method, result or
/// conclusion), whole, as HTML with the query's matches in &lt;mark&gt;.</summary>
public sealed record HitSummary(string Part, string Html);

/// <summary>
/// Why this rank. Hybrid: <c>fused = alpha·cosineNorm + (1 − alpha)·bm25Norm</c>, both normalised min-max within the
/// candidate pool; <paramref name="Placement"/> says how a hit was placed when it was not by that formula alone
/// (an exact title match, a paper without a vector, a hit beyond the reranked pool). Cosine and membership are null
/// when no rerank happened.
/// </summary>
public sealed record HitExplain(
    double Bm25, double? Cosine, double Fused, double? Membership,
    double? Bm25Norm = null, double? CosineNorm = null, double? Alpha = null, string? Placement = null);
