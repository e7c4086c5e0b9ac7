using System.Diagnostics;
using Microsoft.Extensions.Options;
using PaperSearch.Categories;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Ranking.Fusion;

namespace PaperSearch.Web.Search;

/// <summary>The outcome of a search: a response, or a message for a request the index cannot run (a 400).</summary>
public sealed record SearchOutcome(SearchResponse? Response, string? Error)
{
    public bool IsError => Error is not null;
}

/// <summary>BM25 candidates with their cosines to the query; cosine null where a paper has no vector.
/// <paramref name="Partial"/> when the time budget cut the BM25 search short.</summary>
public sealed record CandidatePool(long Total, IReadOnlyList<string> Ids, double[] Bm25, double?[] Cosines, bool Partial = false)
{
    /// <summary>Cosines with gaps filled by the pool's lowest cosine: a paper not embedded yet is neither rewarded nor dropped.</summary>
    public double[] CosinesOrFloor()
    {
        var floor = Cosines.Where(c => c.HasValue).Select(c => c!.Value).DefaultIfEmpty(0).Min();
        return Cosines.Select(c => c ?? floor).ToArray();
    }
}

/// <summary>
/// The query pipeline, the one home for it: BM25 candidates → embedding rerank → fusion → smooth Top-k → page.
/// Used alike by the REST API, the Blazor pages, the feeds and the CLI (search, eval).
/// </summary>
public sealed class SearchService(
    PaperIndex index, PaperStore store, IEmbedder embedder, VectorCatalog vectors, IOptionsMonitor<SearchOptions> options)
{
    /// <summary>Semantic mode looks this far down the vector ranking before applying filters.</summary>
    private const int SemanticWindow = 1000;

    public bool SemanticAvailable => embedder.IsAvailable && vectors.Count > 0;

    public async Task<SearchOutcome> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        if (!CategoryExpression.TryParse(request.Categories, out var categories, out var catError))
            return new SearchOutcome(null, catError);
        try
        {
            var mode = EffectiveMode(request);
            var (total, ranked, partial) = mode switch
            {
                SearchMode.Hybrid => Hybrid(request),
                SearchMode.Semantic => await SemanticAsync(request, categories, ct),
                _ => Bm25(request, categories),
            };
            var hits = await ToHitsAsync(request, ranked, ct);
            var notice = partial ? PartialNotice
                : total == 0 && mode != SearchMode.Semantic && PaperQuery.HasNoSearchableWords(request.Query) ? OnlyCommonWordsNotice
                : null;
            return new SearchOutcome(new SearchResponse(total, request.Page, request.Size, clock.ElapsedMilliseconds,
                mode.ToString().ToLowerInvariant(), hits, partial, notice), null);
        }
        catch (QuerySyntaxException e)
        {
            return new SearchOutcome(null, e.Message);
        }
    }

    /// <summary>
    /// The mode actually run. Semantic parts need a model and vectors (else BM25: degrade, don't fail);
    /// a date sort, an arXiv-id query or a Chinese query is answered by the index alone.
    /// </summary>
    private SearchMode EffectiveMode(SearchRequest request)
    {
        if (request.Mode == SearchMode.Bm25 || !SemanticAvailable) return SearchMode.Bm25;
        if (request.Sort == SearchSort.Date || ArxivId.TryParse(request.Query, out _)) return SearchMode.Bm25;
        if (QueryText.ForEmbedding(request.Query).Length == 0) return SearchMode.Bm25;
        // The shipped models are English-only: a Chinese query would be reranked by noise. BM25 (SmartCn) answers it.
        if (QueryText.HasCjk(request.Query)) return SearchMode.Bm25;
        return request.Mode;
    }

    /// <summary>Shown with results cut short by <see cref="SearchOptions.TimeBudgetMs"/>.</summary>
    public const string PartialNotice =
        "This query took too long, so only part of the index was searched: the results below may be incomplete. " +
        "Add more specific words, quote a phrase, or drop very short prefix* terms.";

    /// <summary>Shown when the query holds only words the index leaves out (the, of, and …) or punctuation.</summary>
    public const string OnlyCommonWordsNotice =
        "This query has only very common words (like \"the\" or \"of\") or punctuation, which the index leaves out, " +
        "so nothing matches. Add a more specific word.";

    private sealed record Ranked(string Id, double Score, HitExplain Explain, Highlights? Highlights);

    private IndexSearchRequest IndexRequest(SearchRequest r, CategoryExpression cats, int offset, int count, bool highlight) =>
        new(r.Query, cats, r.From, r.To, r.IncludeWithdrawn, r.Sort == SearchSort.Date ? IndexSort.Date : IndexSort.Relevance,
            offset, count, highlight, options.CurrentValue.TimeBudget);

    private (long, IReadOnlyList<Ranked>, bool) Bm25(SearchRequest r, CategoryExpression cats)
    {
        var result = index.Search(IndexRequest(r, cats, (r.Page - 1) * r.Size, r.Size, highlight: true));
        return (result.Total, result.Hits.Select(h => new Ranked(h.Id, h.Score, new HitExplain(h.Score, null, h.Score, null), h.Highlights)).ToList(),
            result.Partial);
    }

    /// <summary>
    /// A hybrid candidate pool: the top <paramref name="count"/> BM25 hits with their cosine to the query
    /// (null where a paper has no vector yet). Shared by hybrid search and by <c>tune</c>, which learns α and τ on it.
    /// </summary>
    public CandidatePool Candidates(SearchRequest r, int count)
    {
        var cats = CategoryExpression.Parse(r.Categories);
        var pool = index.Search(IndexRequest(r, cats, 0, count, highlight: false));
        var ids = pool.Hits.Select(h => h.Id).ToList();
        var cosines = ids.Count == 0 || !SemanticAvailable
            ? new double?[ids.Count]
            : vectors.Cosines(embedder.EmbedQuery(QueryText.ForEmbedding(r.Query)).Span, ids);
        return new CandidatePool(pool.Total, ids, pool.Hits.Select(h => (double)h.Score).ToArray(), cosines, pool.Partial);
    }

    private (long, IReadOnlyList<Ranked>, bool) Hybrid(SearchRequest r)
    {
        var o = options.CurrentValue;
        var pageEnd = r.Page * r.Size;
        var pool = Candidates(r, Math.Max(o.CandidatePool, pageEnd));
        if (pool.Ids.Count == 0) return (pool.Total, [], pool.Partial);

        var ranked = HybridFusion.Rank(pool.Bm25, pool.CosinesOrFloor(), new FusionSettings(o.Alpha, o.Tau), Math.Min(pageEnd, pool.Ids.Count));
        var page = ranked.Skip((r.Page - 1) * r.Size).Take(r.Size).ToList();
        var highlights = index.Highlight(r.Query, page.Select(h => pool.Ids[h.Index]).ToList());
        return (pool.Total, page.Select(h => new Ranked(pool.Ids[h.Index], h.Fused,
            new HitExplain(h.Bm25, pool.Cosines[h.Index], h.Fused, h.Membership), highlights.GetValueOrDefault(pool.Ids[h.Index]))).ToList(),
            pool.Partial);
    }

    private async Task<(long, IReadOnlyList<Ranked>, bool)> SemanticAsync(SearchRequest r, CategoryExpression cats, CancellationToken ct)
    {
        var query = embedder.EmbedQuery(QueryText.ForEmbedding(r.Query));
        var nearest = vectors.Nearest(query.Span, SemanticWindow);
        var filtered = nearest;
        if (!cats.IsEverything || r.From is not null || r.To is not null || !r.IncludeWithdrawn)
        {
            var papers = (await store.GetManyAsync(nearest.Select(n => n.Id).ToList(), ct)).ToDictionary(p => p.Id);
            filtered = nearest.Where(n => papers.TryGetValue(n.Id, out var p)
                                          && (r.IncludeWithdrawn || !p.Withdrawn)
                                          && (cats.IsEverything || cats.Matches(p.Categories))
                                          && (r.From is null || p.EffectiveDate >= r.From)
                                          && (r.To is null || p.EffectiveDate <= r.To)).ToList();
        }
        var page = filtered.Skip((r.Page - 1) * r.Size).Take(r.Size).ToList();
        var highlights = index.Highlight(r.Query, page.Select(p => p.Id).ToList());
        return (filtered.Count, page.Select(p => new Ranked(p.Id, p.Score, new HitExplain(0, p.Score, p.Score, null),
            highlights.GetValueOrDefault(p.Id))).ToList(), false);
    }

    private async Task<IReadOnlyList<SearchHit>> ToHitsAsync(SearchRequest r, IReadOnlyList<Ranked> ranked, CancellationToken ct)
    {
        if (ranked.Count == 0) return [];
        var papers = (await store.GetManyAsync(ranked.Select(h => h.Id).ToList(), ct)).ToDictionary(p => p.Id);
        var hits = new List<SearchHit>(ranked.Count);
        foreach (var h in ranked)
        {
            if (!papers.TryGetValue(h.Id, out var p)) continue; // deleted between index and store read
            var summary = await store.GetSummaryAsync(h.Id, ct);
            hits.Add(new SearchHit(p.Id, p.Title, p.Authors, p.Abstract, p.Categories, p.EffectiveDate, h.Score,
                new HitHighlights(h.Highlights?.TitleHtml, h.Highlights?.AbstractHtml), h.Explain, summary?.Summary.Tldr));
        }
        return hits;
    }
}
