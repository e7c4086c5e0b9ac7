using Lucene.Net.Search;
using PaperSearch.Categories;

namespace PaperSearch.Indexer.Index;

public sealed partial class PaperIndex
{
    /// <summary>Largest Offset + Count a search may ask for: <see cref="SearchSnapshot.MaxWindow"/>.</summary>
    public const int MaxWindow = SearchSnapshot.MaxWindow;

    /// <summary>
    /// Acquires the current searcher for a whole request (search, title check, filters, highlights on one index
    /// version); dispose it to release. Retries once if a reindex swapped generations at that moment.
    /// </summary>
    public SearchSnapshot Snapshot()
    {
        for (var attempt = 0; ; attempt++)
        {
            var gen = _gen;
            try { return new SearchSnapshot(gen.Searchers, gen.Searchers.Acquire(), _options.Weights, _time); }
            catch (ObjectDisposedException) when (attempt == 0) { }
        }
    }

    /// <summary>One search on its own snapshot (see <see cref="SearchSnapshot.Search"/>).</summary>
    public IndexSearchResult Search(IndexSearchRequest request)
    {
        using var snapshot = Snapshot();
        return snapshot.Search(request);
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

    /// <summary>The newest paper date in the index (the latest listing day), or null when empty.</summary>
    public DateOnly? LatestDate(CategoryExpression? categories = null) => WithSearcher(s =>
    {
        var filter = SearchFilters.Build(categories, null, null, includeWithdrawn: true);
        var top = s.Search(new MatchAllDocsQuery(), filter, 1, SearchSnapshot.DateOrder);
        if (top.ScoreDocs.Length == 0) return (DateOnly?)null;
        // Sort values come back boxed as J2N.Numerics.Int32, which is IConvertible.
        var key = Convert.ToInt32(((FieldDoc)top.ScoreDocs[0]).Fields[0], System.Globalization.CultureInfo.InvariantCulture);
        return key > 0 ? IndexFields.FromDateKey(key) : null;
    });
}
