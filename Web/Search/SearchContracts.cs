namespace PaperSearch.Web.Search;

public enum SearchSort { Relevance, Date }

/// <summary>How candidates are ranked: keyword only, embedding only, or BM25 candidates reranked by embeddings.</summary>
public enum SearchMode { Hybrid, Bm25, Semantic }

/// <summary>A validated search request: the one input of the query pipeline, whoever calls it.</summary>
public sealed record SearchRequest
{
    public required string Query { get; init; }
    public string? Categories { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 20;
    /// <summary>Include withdrawn papers (excluded by default).</summary>
    public bool IncludeWithdrawn { get; init; }
}

/// <summary>
/// One page of results. <paramref name="Partial"/> is true when the query hit the time budget
/// (<c>Search:TimeBudgetMs</c>): the hits are the best among the papers searched before time ran out, Total counts
/// only those, and <paramref name="Notice"/> says so in words a person can act on.
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

public sealed record HitHighlights(string? Title, string? Abstract);

/// <summary>Why this rank: the parts of the score. Cosine and membership are null when no rerank happened.</summary>
public sealed record HitExplain(double Bm25, double? Cosine, double Fused, double? Membership);
