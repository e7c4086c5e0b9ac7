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

    /// <summary>How many matching documents' ids are in <paramref name="members"/>, without making their id strings.</summary>
    public static int CountMembers(IndexSearcher searcher, Query query, Filter? filter, IdMembership members)
    {
        var count = 0;
        SortedDocValues? ids = null;
        FixedBitSet? bits = null;
        searcher.Search(query, filter, new Leaf(ctx =>
        {
            ids = ctx.AtomicReader.GetSortedDocValues(IndexFields.Id);
            bits = members.BySegmentOrdinal(ctx.AtomicReader);
        }, doc =>
        {
            var ord = ids?.GetOrd(doc) ?? -1;
            if (ord >= 0 && bits!.Get(ord)) count++;
        }));
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
