using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace PaperSearch.Indexer.Index;

/// <summary>Per-leaf doc-values readers: ids of hits without loading stored fields.</summary>
internal static class HitCollectors
{
    public static string IdOf(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var ids = leaf.AtomicReader.GetSortedDocValues(IndexFields.Id);
        var bytes = new BytesRef();
        ids.Get(doc - leaf.DocBase, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>Every matching id (unordered), for "all papers of a day" style listings.</summary>
    public static List<string> AllIds(IndexSearcher searcher, Query query, Filter? filter)
    {
        var result = new List<string>();
        SortedDocValues? ids = null;
        var bytes = new BytesRef();
        searcher.Search(query, filter, new Leaf(ctx => ids = ctx.AtomicReader.GetSortedDocValues(IndexFields.Id), doc =>
        {
            ids!.Get(doc, bytes);
            result.Add(bytes.Utf8ToString());
        }));
        return result;
    }

    /// <summary>
    /// How many live documents passing <paramref name="filter"/> (all of them when null) have their id in
    /// <paramref name="members"/>, without making id strings: the filter's own document set per segment, read directly
    /// (no query, no scorer), one doc-values ordinal per document. 1M papers: a few milliseconds without a filter.
    /// </summary>
    public static int CountMembers(IndexSearcher searcher, Filter? filter, IdMembership members)
    {
        var count = 0;
        foreach (var context in searcher.IndexReader.Leaves)
        {
            var segment = context.AtomicReader;
            if (segment.GetSortedDocValues(IndexFields.Id) is not { } ids) continue;
            var bits = members.BySegmentOrdinal(segment);
            bool Member(int doc) => ids.GetOrd(doc) is var ord and >= 0 && bits.Get(ord);
            var live = segment.LiveDocs;
            if (filter is null)
            {
                for (var doc = 0; doc < segment.MaxDoc; doc++)
                    if ((live is null || live.Get(doc)) && Member(doc)) count++;
                continue;
            }
            if (filter.GetDocIdSet(context, live)?.GetIterator() is not { } passing) continue;
            for (var doc = passing.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = passing.NextDoc())
                if (Member(doc)) count++;
        }
        return count;
    }

    /// <summary>A collector from two delegates: one per segment, one per matching (segment-relative) doc.</summary>
    private sealed class Leaf(Action<AtomicReaderContext> nextReader, Action<int> collect) : ICollector
    {
        public bool AcceptsDocsOutOfOrder => true;
        public void SetScorer(Scorer scorer) { }
        public void SetNextReader(AtomicReaderContext context) => nextReader(context);
        public void Collect(int doc) => collect(doc);
    }
}
