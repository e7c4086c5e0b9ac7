using Lucene.Net.Index;
using Lucene.Net.Search;
using PaperSearch.Categories;

namespace PaperSearch.Indexer.Index;

public sealed partial class PaperIndex
{
    /// <summary>Largest Offset + Count a search may ask for (bounds memory per request).</summary>
    public const int MaxWindow = 10_000;

    private static readonly Sort NewestFirst = new(new SortField(IndexFields.Date, SortFieldType.INT32, true), SortField.FIELD_SCORE);

    /// <summary>
    /// Runs a search: the user query (<see cref="PaperQuery"/> syntax) filtered by categories, date range and
    /// withdrawn flag, sorted by relevance or date, paged. Throws <see cref="QuerySyntaxException"/> for bad input.
    /// </summary>
    public IndexSearchResult Search(IndexSearchRequest request)
    {
        if (request.Offset < 0 || request.Count < 0 || request.Offset + request.Count > MaxWindow)
            throw new QuerySyntaxException($"Offset and count must be non-negative and offset + count at most {MaxWindow}.");
        var query = PaperQuery.Build(request.Query, _options.Weights);
        var filter = SearchFilters.Build(request.Categories, request.From, request.To, request.IncludeWithdrawn);
        return WithSearcher(s =>
        {
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
                var id = HitCollectors.IdOf(s, sd.Doc);
                hits.Add(new IndexHit(id, score, request.Highlight ? HighlightDoc(s, query, sd.Doc) : null));
            }
            return new IndexSearchResult(top.TotalHits, hits, Partial: !complete);
        });
    }

    /// <summary>Highlights for papers already chosen (e.g. the page after reranking), keyed by id.</summary>
    public IReadOnlyDictionary<string, Highlights> Highlight(string? query, IReadOnlyList<string> ids)
    {
        var q = PaperQuery.Build(query, _options.Weights);
        return WithSearcher(s =>
        {
            var result = new Dictionary<string, Highlights>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var top = s.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
                if (top.ScoreDocs.Length > 0) result[id] = HighlightDoc(s, q, top.ScoreDocs[0].Doc);
            }
            return result;
        });
    }

    /// <summary>Ids of every paper whose date is <paramref name="day"/> and that matches <paramref name="categories"/>
    /// (withdrawn included: a daily list shows what was announced), newest id first.</summary>
    public IReadOnlyList<string> ListByDay(CategoryExpression categories, DateOnly day)
    {
        var filter = SearchFilters.Build(categories, day, day, includeWithdrawn: true);
        var ids = WithSearcher(s => HitCollectors.AllIds(s, new MatchAllDocsQuery(), filter));
        ids.Sort(StringComparer.Ordinal);
        ids.Reverse();
        return ids;
    }

    /// <summary>How many papers matching the request's query and filters carry each category (paging ignored).</summary>
    public IReadOnlyDictionary<string, int> CountByCategory(IndexSearchRequest request)
    {
        var query = PaperQuery.Build(request.Query, _options.Weights);
        var filter = SearchFilters.Build(request.Categories, request.From, request.To, request.IncludeWithdrawn);
        return WithSearcher(s => HitCollectors.CategoryCounts(s, query, filter));
    }

    /// <summary>The newest paper date in the index (the latest listing day), or null when empty.</summary>
    public DateOnly? LatestDate(CategoryExpression? categories = null) => WithSearcher(s =>
    {
        var filter = SearchFilters.Build(categories, null, null, includeWithdrawn: true);
        var top = s.Search(new MatchAllDocsQuery(), filter, 1, NewestFirst);
        if (top.ScoreDocs.Length == 0) return (DateOnly?)null;
        // Sort values come back boxed as J2N.Numerics.Int32, which is IConvertible.
        var key = Convert.ToInt32(((FieldDoc)top.ScoreDocs[0]).Fields[0], System.Globalization.CultureInfo.InvariantCulture);
        return key > 0 ? IndexFields.FromDateKey(key) : null;
    });

    private static Highlights HighlightDoc(IndexSearcher s, Query query, int doc)
    {
        var stored = s.Doc(doc, new HashSet<string> { IndexFields.Title, IndexFields.Abstract });
        return HitHighlighter.Highlight(query, stored.Get(IndexFields.Title) ?? "", stored.Get(IndexFields.Abstract) ?? "");
    }
}
