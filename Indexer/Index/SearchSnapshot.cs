using Lucene.Net.Index;
using Lucene.Net.Search;
using PaperSearch.Categories;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// One acquired searcher for the whole of a request: the candidate search, the exact-title check, the filter of
/// semantic candidates and the highlights of the page all see the same index version, so a refresh between them can
/// neither drop a hit's highlight nor disagree on a filter. Dispose it (a <c>using</c>) to release the searcher.
/// </summary>
public sealed partial class SearchSnapshot : IDisposable
{
    private static readonly Sort NewestFirst = new(new SortField(IndexFields.Date, SortFieldType.INT32, true), SortField.FIELD_SCORE);

    private readonly SearcherManager _manager;
    private readonly IndexSearcher _searcher;
    private readonly QueryWeights _weights;
    private readonly TimeProvider _time;
    private bool _released;

    internal SearchSnapshot(SearcherManager manager, IndexSearcher searcher, QueryWeights weights, TimeProvider time)
    {
        (_manager, _searcher, _weights, _time) = (manager, searcher, weights, time);
    }

    /// <summary>Largest Offset + Count a search may ask for (bounds memory per request): the one owner of the result window.</summary>
    public const int MaxWindow = 10_000;

    /// <summary>
    /// The query filtered by categories, date range and withdrawn flag, sorted by relevance or date, paged. Throws
    /// <see cref="QuerySyntaxException"/> only when a valid query expands to too many terms at run time.
    /// </summary>
    public IndexSearchResult Search(IndexSearchRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(request.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Offset + request.Count, MaxWindow, "offset + count");
        var query = LuceneOf(request.Query, request.Match);
        var filter = SearchFilters.Build(request.Categories, request.From, request.To, request.IncludeWithdrawn);
        var s = _searcher;
        // As IndexSearcher does: a queue no longer than the index (a small index, deep page).
        var n = Math.Max(1, Math.Min(request.Offset + request.Count, s.IndexReader.MaxDoc));
        // Out-of-order-capable collectors: they work with every scorer (BooleanScorer collects in chunks).
        ITopDocsCollector collector = request.Sort == IndexSort.Date
            ? TopFieldCollector.Create(NewestFirst, n, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false)
            : TopScoreDocCollector.Create(n, docsScoredInOrder: false);
        bool complete;
        try { complete = BudgetCollector.Run(s, query, filter, collector, request.TimeBudget, _time); }
        catch (BooleanQuery.TooManyClausesException)
        {
            throw new QuerySyntaxException("The query expands to too many terms (a very short prefix*?); make it more specific.");
        }
        var top = collector.GetTopDocs();
        var hits = new List<IndexHit>(Math.Min(request.Count, top.ScoreDocs.Length));
        foreach (var sd in top.ScoreDocs.Skip(request.Offset))
        {
            var score = float.IsNaN(sd.Score) ? 0f : sd.Score;
            hits.Add(new IndexHit(HitCollectors.IdOf(s, sd.Doc), score, request.Highlight ? HighlightDoc(query, sd.Doc) : null) { Doc = sd.Doc });
        }
        return new IndexSearchResult(top.TotalHits, hits, Partial: !complete);
    }

    /// <summary>Highlights for hits already chosen (the page after reranking), keyed by id; hits found by this snapshot
    /// carry their document, others (semantic candidates) are looked up by id.</summary>
    public IReadOnlyDictionary<string, Highlights> Highlight(ParsedQuery query, WordMatch match, IEnumerable<IndexHit> hits)
    {
        var q = LuceneOf(query, match);
        var result = new Dictionary<string, Highlights>(StringComparer.Ordinal);
        foreach (var hit in hits)
            if ((hit.Doc ?? DocOf(hit.Id)) is { } doc) result[hit.Id] = HighlightDoc(q, doc);
        return result;
    }

    /// <summary>The best-matching part of each summary given (text from the store: the index keeps none), keyed by id;
    /// papers whose summary does not match are left out.</summary>
    public IReadOnlyDictionary<string, SummaryHighlight> HighlightSummaries(ParsedQuery query, WordMatch match,
        IEnumerable<KeyValuePair<string, Papers.AiSummary>> summaries)
    {
        var q = LuceneOf(query, match);
        var result = new Dictionary<string, SummaryHighlight>(StringComparer.Ordinal);
        foreach (var (id, summary) in summaries)
            if (HitHighlighter.Summary(q, summary) is { } h) result[id] = h;
        return result;
    }

    /// <summary>
    /// Papers whose title is exactly the query (<see cref="ParsedQuery.TitleKey"/>), among those passing the filters:
    /// at most a few, found through the whole-title phrase and confirmed on the stored title.
    /// </summary>
    public IReadOnlyList<string> ExactTitleMatches(ParsedQuery query, IndexSearchRequest filters) =>
        query.TitleKey is { Length: > 0 } key ? TitleMatches(query.Text, key, filters) : [];

    /// <summary>Papers whose stored title is <paramref name="title"/> up to case, punctuation and spacing (a BibTeX entry's
    /// title, a pasted title), passing the filters when given.</summary>
    public IReadOnlyList<string> TitleMatches(string title, IndexSearchRequest? filters = null) =>
        PaperQuery.TitleKey(title) is { Length: > 0 } key ? TitleMatches(title, key, filters) : [];

    private List<string> TitleMatches(string text, string key, IndexSearchRequest? filters)
    {
        var tokens = TextAnalysis.Positioned(text, IndexFields.Title);
        if (tokens.Count == 0) return [];
        var phrase = new PhraseQuery();
        foreach (var (t, position) in tokens) phrase.Add(new Term(IndexFields.Title, t), position - tokens[0].Position);
        var filter = filters is null ? null : SearchFilters.Build(filters.Categories, filters.From, filters.To, filters.IncludeWithdrawn);
        var top = _searcher.Search(phrase, filter, 10);
        var matches = new List<string>();
        foreach (var sd in top.ScoreDocs)
        {
            var stored = _searcher.Doc(sd.Doc, new HashSet<string> { IndexFields.Title }).Get(IndexFields.Title) ?? "";
            if (PaperQuery.TitleKey(stored) == key) matches.Add(HitCollectors.IdOf(_searcher, sd.Doc));
        }
        return matches;
    }

    /// <summary>The ids among <paramref name="ids"/> that pass the request's filters (its query ignored), in the given order:
    /// semantic candidates filtered by the very code BM25 uses.</summary>
    public IReadOnlyList<string> PassingFilters(IReadOnlyList<string> ids, IndexSearchRequest filters)
    {
        var filter = SearchFilters.Build(filters.Categories, filters.From, filters.To, filters.IncludeWithdrawn);
        if (filter is null || ids.Count == 0) return ids;
        var passing = new HashSet<string>(HitCollectors.AllIds(_searcher, IdSet(ids), filter), StringComparer.Ordinal);
        return ids.Where(passing.Contains).ToList();
    }

    /// <summary>How many papers passing the request's filters (its query ignored) are in <paramref name="members"/>.</summary>
    public int CountPassingFilters(IndexSearchRequest filters, IdMembership members)
    {
        // The usual case, no category or date: every live paper less the few withdrawn ones, each counted by a direct
        // loop; a match-all filter with an exclusion would cost ten times more per paper (48 ms at 1M papers).
        if (filters.Categories is null or { IsEverything: true } && filters.From is null && filters.To is null)
        {
            var all = HitCollectors.CountMembers(_searcher, null, members);
            return filters.IncludeWithdrawn ? all
                : all - HitCollectors.CountMembers(_searcher, new QueryWrapperFilter(SearchFilters.WithdrawnPapers()), members);
        }
        return HitCollectors.CountMembers(_searcher,
            SearchFilters.Build(filters.Categories, filters.From, filters.To, filters.IncludeWithdrawn), members);
    }

    /// <summary>Live documents in this snapshot.</summary>
    public int DocumentCount => _searcher.IndexReader.NumDocs;

    /// <summary>Exact id terms as one constant-score query (a terms filter has no clause limit).</summary>
    private static Query IdSet(IReadOnlyList<string> ids) =>
        new ConstantScoreQuery(new Lucene.Net.Queries.TermsFilter(ids.Select(id => new Term(IndexFields.Id, id)).ToList()));

    private Query LuceneOf(ParsedQuery? query, WordMatch match) => query?.Lucene(_weights, match) ?? new MatchAllDocsQuery();

    private int? DocOf(string id)
    {
        var top = _searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
        return top.ScoreDocs.Length > 0 ? top.ScoreDocs[0].Doc : null;
    }

    private Highlights HighlightDoc(Query query, int doc)
    {
        var stored = _searcher.Doc(doc, new HashSet<string> { IndexFields.Title, IndexFields.Abstract });
        return HitHighlighter.Highlight(query, stored.Get(IndexFields.Title) ?? "", stored.Get(IndexFields.Abstract) ?? "");
    }

    internal static Sort DateOrder => NewestFirst;

    public void Dispose()
    {
        if (_released) return;
        _released = true;
        _manager.Release(_searcher);
    }
}
