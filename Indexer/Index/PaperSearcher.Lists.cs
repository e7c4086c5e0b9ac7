using Lucene.Net.Search;
using PaperSearch.Categories;

namespace PaperSearch.Indexer.Index;

public sealed partial class PaperSearcher
{
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

    /// <summary>The oldest paper date in the index (the first listing day), or null when empty.</summary>
    public DateOnly? EarliestDate(CategoryExpression? categories = null) => WithSearcher(s =>
    {
        // A from-date keeps undated papers (key 0) out of the ascending order.
        var filter = SearchFilters.Build(categories, new DateOnly(1, 1, 2), null, includeWithdrawn: true);
        var oldestFirst = new Sort(new SortField(IndexFields.Date, SortFieldType.INT32, false));
        var top = s.Search(new MatchAllDocsQuery(), filter, 1, oldestFirst);
        if (top.ScoreDocs.Length == 0) return (DateOnly?)null;
        var key = Convert.ToInt32(((FieldDoc)top.ScoreDocs[0]).Fields[0], System.Globalization.CultureInfo.InvariantCulture);
        return key > 0 ? IndexFields.FromDateKey(key) : null;
    });

    /// <summary>The archives (cs, math, hep-th …) the index holds papers of, sorted: their union is every paper of a day.</summary>
    public IReadOnlyList<string> Archives() => WithSearcher(s =>
    {
        var archives = new List<string>();
        var terms = Lucene.Net.Index.MultiFields.GetTerms(s.IndexReader, IndexFields.Archive);
        if (terms is null) return archives;
        var e = terms.GetEnumerator();
        while (e.MoveNext())
            // A term can outlive its documents until a merge: count only live ones.
            if (s.Search(new TermQuery(new Lucene.Net.Index.Term(IndexFields.Archive, e.Term)), 1).TotalHits > 0) archives.Add(e.Term.Utf8ToString());
        archives.Sort(StringComparer.Ordinal);
        return archives;
    });

    /// <summary>Every indexed id, once per document (a duplicate shows twice): what the consistency check compares.</summary>
    internal List<string> AllIds() => WithSearcher(s => HitCollectors.AllIds(s, new MatchAllDocsQuery(), null));
}
