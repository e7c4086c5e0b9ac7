using System.Diagnostics;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Ranking.Fusion;

namespace PaperSearch.Web.Search;

/// <summary>The outcome of a search: a response, or a message for a request the index cannot run (a 400).</summary>
public sealed record SearchOutcome(SearchResponse? Response, string? Error);

/// <summary>BM25 candidates with their cosines to the query; cosine null where a paper has no vector.
/// <paramref name="Partial"/> when the time budget cut the BM25 search short.</summary>
public sealed record CandidatePool(long Total, IReadOnlyList<string> Ids, double[] Bm25, double?[] Cosines, bool Partial = false)
{
    /// <summary>Cosines with the gaps imputed as fusion does (<see cref="HybridFusion.ImputeMissing"/>).</summary>
    public double[] CosinesImputed() => HybridFusion.ImputeMissing(Cosines);
}

/// <summary>
/// The query pipeline, the one home for it: one index snapshot per request → BM25 candidates → embedding rerank →
/// fusion → smooth Top-k → exact title first → page → highlights on the same snapshot → papers and summaries in two
/// store reads. Used alike by the REST API, the Blazor pages, the feeds and the CLI (search, eval, tune).
/// </summary>
public sealed class SearchService(
    PaperSearcher index, PaperStore store, IEmbedder embedder, VectorCatalog vectors, IOptionsMonitor<SearchOptions> options)
{
    /// <summary>Semantic mode first looks this far down the vector ranking, widening when filters leave too few.</summary>
    private const int SemanticWindow = 1000;

    public bool SemanticAvailable => embedder.IsAvailable && vectors.Count > 0;

    /// <summary>Explains a hit placed first because its title is the query.</summary>
    public const string ExactTitlePlacement = "exact title match: placed first";
    public const string MissingVectorPlacement = "no vector yet: its cosine is imputed as the pool's median, so BM25 places it among papers without vectors";
    public const string BeyondPoolPlacement = "beyond the reranked candidate pool: BM25 order";

    public async Task<SearchOutcome> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var snapshot = index.Snapshot();
            var notices = new List<string>();
            var mode = EffectiveMode(request, notices);
            var ranking = mode switch
            {
                SearchMode.Hybrid => Hybrid(snapshot, request),
                SearchMode.Semantic => Semantic(snapshot, request, notices),
                _ => Bm25(snapshot, request),
            };
            var page = Page(snapshot, request, ranking);
            var highlights = snapshot.Highlight(request.Query, request.Match, page.Where(h => h.Highlights is null).Select(h => h.Hit));
            var hits = await ToHitsAsync(snapshot, request, page, highlights, ct);
            if (ranking.Partial) notices.Insert(0, PartialNotice);
            if (ranking.Total == 0 && request.Query.NothingSearchable) notices.Add(OnlyCommonWordsNotice);
            return new SearchOutcome(new SearchResponse(ranking.Total, request.Page, request.Size, clock.ElapsedMilliseconds,
                mode.ToString().ToLowerInvariant(), hits, ranking.Partial, notices.Count > 0 ? string.Join(" ", notices) : null), null);
        }
        catch (QuerySyntaxException e)
        {
            return new SearchOutcome(null, e.Message);
        }
    }

    /// <summary>
    /// The mode actually run. Semantic parts need a model and vectors (else BM25: degrade, don't fail);
    /// a date sort, an arXiv-id query, a query with nothing to embed or a Chinese query is answered by the index alone.
    /// </summary>
    private SearchMode EffectiveMode(SearchRequest request, List<string> notices)
    {
        var q = request.Query;
        if (request.Mode == SearchMode.Bm25) return SearchMode.Bm25;
        var reason = !SemanticAvailable ? "no paper has a vector yet (run embed)"
            : request.Sort == SearchSort.Date ? null
            : q.ExactId is not null ? null
            : q.HasCjk ? "the embedding model reads English only, and BM25 (with Chinese word segmentation) answers Chinese queries"
            : q.EmbeddingText.Length == 0 ? "the query has no free words to compare by meaning"
            : "";
        if (reason is "") return request.Mode;
        if (reason is not null && request.Mode == SearchMode.Semantic) notices.Add($"Semantic ranking was not used: {reason}. These results are in BM25 order.");
        return SearchMode.Bm25;
    }

    /// <summary>Shown with results cut short by <see cref="SearchOptions.TimeBudgetMs"/>.</summary>
    public const string PartialNotice =
        "This query took too long, so only part of the index was searched: the results below may be incomplete. " +
        "Add more specific words, quote a phrase, or drop very short prefix* terms.";

    /// <summary>Shown when the query holds only words the index leaves out (the, of, and …) or punctuation.</summary>
    public const string OnlyCommonWordsNotice =
        "This query has only very common words (like \"the\" or \"of\") or punctuation, which the index leaves out, " +
        "so nothing matches. Add a more specific word.";

    /// <summary>A hit in final order: the index hit (with its document in the snapshot, when it has one) and why it is here.</summary>
    private sealed record Ranked(IndexHit Hit, double Score, HitExplain Explain)
    {
        public string Id => Hit.Id;
        public Highlights? Highlights => Hit.Highlights;
    }

    /// <summary>
    /// The ranked hits from position 0 up to at least the end of the requested page (more when exact-title matches
    /// may move hits down), the total and whether the time budget cut the search.
    /// </summary>
    private sealed record Ranking(long Total, IReadOnlyList<Ranked> Hits, bool Partial);

    private IndexSearchRequest IndexRequest(SearchRequest r, int offset, int count, bool highlight) =>
        new(r.Query, r.Categories, r.From, r.To, IncludeWithdrawn: false, r.Sort == SearchSort.Date ? IndexSort.Date : IndexSort.Relevance,
            offset, count, highlight, options.CurrentValue.TimeBudget, r.Match);

    /// <summary>How far each mode ranks: the page's end, plus room for exact titles pinned above it.</summary>
    private static int RankedDepth(SearchRequest r) => Math.Min(SearchSnapshot.MaxWindow, r.Page * r.Size + ExactTitleRoom);

    /// <summary>Few papers share one exact title; this many are placed first, at most.</summary>
    private const int ExactTitleRoom = 5;

    private Ranking Bm25(SearchSnapshot snapshot, SearchRequest r)
    {
        var result = snapshot.Search(IndexRequest(r, 0, RankedDepth(r), highlight: false));
        return new Ranking(result.Total, result.Hits.Select(h => new Ranked(h, h.Score, new HitExplain(h.Score, null, h.Score, null))).ToList(),
            result.Partial);
    }

    /// <summary>
    /// A hybrid candidate pool: the top <paramref name="count"/> BM25 hits with their cosine to the query
    /// (null where a paper has no vector yet). Shared by hybrid search and by <c>tune</c>, which learns α and τ on it.
    /// </summary>
    public CandidatePool Candidates(SearchRequest r, int count)
    {
        using var snapshot = index.Snapshot();
        var (pool, hits) = Candidates(snapshot, r, count);
        return pool with { Ids = hits.Select(h => h.Id).ToList() };
    }

    private (CandidatePool Pool, IReadOnlyList<IndexHit> Hits) Candidates(SearchSnapshot snapshot, SearchRequest r, int count)
    {
        var result = snapshot.Search(IndexRequest(r, 0, count, highlight: false));
        var ids = result.Hits.Select(h => h.Id).ToList();
        var cosines = ids.Count == 0 || !SemanticAvailable || r.Query.EmbeddingText.Length == 0
            ? new double?[ids.Count]
            : vectors.Cosines(embedder.EmbedQuery(r.Query.EmbeddingText).Span, ids);
        return (new CandidatePool(result.Total, ids, result.Hits.Select(h => (double)h.Score).ToArray(), cosines, result.Partial), result.Hits);
    }

    /// <summary>
    /// The top <see cref="SearchOptions.CandidatePool"/> BM25 hits fused with their cosines; positions past the pool
    /// follow in BM25 order. The pool never depends on the page asked for, so consecutive pages never repeat a paper.
    /// </summary>
    private Ranking Hybrid(SearchSnapshot snapshot, SearchRequest r)
    {
        var o = options.CurrentValue;
        var depth = RankedDepth(r);
        var (pool, poolHits) = Candidates(snapshot, r, o.CandidatePool);
        if (pool.Ids.Count == 0) return new Ranking(pool.Total, [], pool.Partial);

        var fused = HybridFusion.Rank(pool.Bm25, pool.CosinesImputed(), new FusionSettings(o.Alpha, o.Tau), Math.Min(depth, pool.Ids.Count));
        var ranked = fused.Take(depth).Select(h => new Ranked(poolHits[h.Index], h.Fused,
            new HitExplain(h.Bm25, pool.Cosines[h.Index], h.Fused, h.Membership, h.Bm25Norm, h.CosineNorm, o.Alpha,
                pool.Cosines[h.Index] is null ? MissingVectorPlacement : null))).ToList();
        if (depth > pool.Ids.Count && pool.Total > pool.Ids.Count && !pool.Partial)
        {
            var beyond = snapshot.Search(IndexRequest(r, pool.Ids.Count, depth - pool.Ids.Count, highlight: false));
            ranked.AddRange(beyond.Hits.Select(h => new Ranked(h, h.Score, new HitExplain(h.Score, null, h.Score, null, Placement: BeyondPoolPlacement))));
        }
        return new Ranking(pool.Total, ranked, pool.Partial);
    }

    /// <summary>
    /// Nearest vectors to the query over the whole corpus, filtered by the same filter code as BM25 (on this snapshot),
    /// widening the window until the page is full or every vector was looked at. Total is the number of papers with a
    /// vector that pass the filters: every one of them is ranked, by cosine.
    /// </summary>
    private Ranking Semantic(SearchSnapshot snapshot, SearchRequest r, List<string> notices)
    {
        var query = embedder.EmbedQuery(r.Query.EmbeddingText);
        var filters = IndexRequest(r, 0, 0, highlight: false);
        var depth = RankedDepth(r);
        var nearest = vectors.NearestPassing(query.Span, depth, snapshot, filters, window: SemanticWindow);
        var passing = nearest.Select(n => n.Id).ToList();
        var score = nearest.ToDictionary(n => n.Id, n => n.Score, StringComparer.Ordinal);
        var total = snapshot.CountPassingFilters(filters, vectors.Members);

        var documents = snapshot.DocumentCount;
        if (total == 0)
            notices.Add("No paper that passes these filters has a vector yet, so semantic mode finds nothing: use hybrid or bm25 mode, or run embed.");
        else if (vectors.Count < documents)
            notices.Add($"Semantic mode ranks only the papers that have vectors: {vectors.Count:N0} of {documents:N0} so far. Hybrid mode ranks them all.");
        if (r.Query.Unhonoured.Count > 0)
            notices.Add($"Semantic mode ranks by meaning only and does not apply {string.Join(", ", r.Query.Unhonoured)}: use hybrid or bm25 mode for them.");
        return new Ranking(total, passing.Take(depth).Select(id => new Ranked(new IndexHit(id, 0), score[id],
            new HitExplain(0, score[id], score[id], null))).ToList(), false);
    }

    /// <summary>
    /// The requested page of the ranking, after moving exact title matches (relevance order) to the top: typing a
    /// paper's title finds it first in every mode, with or without a vector.
    /// </summary>
    private static List<Ranked> Page(SearchSnapshot snapshot, SearchRequest r, Ranking ranking)
    {
        IEnumerable<Ranked> order = ranking.Hits;
        if (r.Sort == SearchSort.Relevance && r.Query.TitleKey is not null)
        {
            var exact = snapshot.ExactTitleMatches(r.Query, new IndexSearchRequest(null, r.Categories, r.From, r.To)).Take(ExactTitleRoom).ToList();
            if (exact.Count > 0)
            {
                var byId = ranking.Hits.ToDictionary(h => h.Id, StringComparer.Ordinal);
                var pinned = exact.Select(id => byId.TryGetValue(id, out var h)
                    ? h with { Explain = h.Explain with { Placement = ExactTitlePlacement } }
                    : new Ranked(new IndexHit(id, 0), 0, new HitExplain(0, null, 0, null, Placement: ExactTitlePlacement))).ToList();
                var set = exact.ToHashSet(StringComparer.Ordinal);
                order = pinned.Concat(ranking.Hits.Where(h => !set.Contains(h.Id)));
            }
        }
        return order.Skip((r.Page - 1) * r.Size).Take(r.Size).ToList();
    }

    /// <summary>
    /// Papers and their summaries for a page: two store reads, whatever the page size. A summary is highlighted where it
    /// matters: for a Chinese query (English titles and abstracts cannot show its match) and for a hit whose title and
    /// abstract show no match (it was found through its summary).
    /// </summary>
    private async Task<IReadOnlyList<SearchHit>> ToHitsAsync(SearchSnapshot snapshot, SearchRequest request, IReadOnlyList<Ranked> page,
        IReadOnlyDictionary<string, Highlights> highlights, CancellationToken ct)
    {
        if (page.Count == 0) return [];
        var ids = page.Select(h => h.Id).ToList();
        var papers = (await store.GetManyAsync(ids, ct)).ToDictionary(p => p.Id);
        var summaries = await store.GetSummariesAsync(ids, ct);
        Highlights? HighlightOf(Ranked h) => h.Highlights ?? highlights.GetValueOrDefault(h.Id);
        var summaryMatches = snapshot.HighlightSummaries(request.Query, request.Match, page
            .Where(h => summaries.ContainsKey(h.Id) && (request.Query.HasCjk || !ShowsMatch(HighlightOf(h))))
            .Select(h => KeyValuePair.Create(h.Id, summaries[h.Id])));
        var hits = new List<SearchHit>(page.Count);
        foreach (var h in page)
        {
            if (!papers.TryGetValue(h.Id, out var p)) continue; // deleted between index and store read
            var hl = HighlightOf(h);
            var summary = summaryMatches.GetValueOrDefault(h.Id);
            var tldr = summaries.GetValueOrDefault(h.Id)?.Tldr;
            hits.Add(new SearchHit(p.Id, p.Title, p.Authors, p.Abstract, p.Categories, p.EffectiveDate, h.Score,
                new HitHighlights(hl?.TitleHtml, hl?.AbstractHtml, summary is null ? null : new HitSummary(summary.Part, summary.Html)),
                h.Explain, string.IsNullOrWhiteSpace(tldr) ? null : tldr));
        }
        return hits;
    }

    private static bool ShowsMatch(Highlights? h) =>
        h is not null && (h.AbstractHtml is not null || h.TitleHtml.Contains("<mark>", StringComparison.Ordinal));
}
