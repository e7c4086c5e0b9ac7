using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// A set of paper ids (those with a vector) as the index sees it: one bit per id of each segment, by the id's doc-values
/// ordinal, built the first time a count meets the segment and kept while the segment and this set live. A count then
/// reads one ordinal per matching document instead of making its id string: semantic mode's total over a million papers
/// took 0.8 s a query that way.
/// </summary>
public sealed class IdMembership(Func<string, bool> contains)
{
    private readonly ConditionalWeakTable<object, FixedBitSet> _bySegment = new();

    internal FixedBitSet BySegmentOrdinal(AtomicReader segment) => _bySegment.GetValue(segment.CoreCacheKey, _ => Build(segment));

    private FixedBitSet Build(AtomicReader segment)
    {
        var ids = segment.GetSortedDocValues(IndexFields.Id);
        var bits = new FixedBitSet(Math.Max(1, ids?.ValueCount ?? 0));
        if (ids is null) return bits;
        var bytes = new BytesRef();
        for (var ord = 0; ord < ids.ValueCount; ord++)
        {
            ids.LookupOrd(ord, bytes);
            if (contains(bytes.Utf8ToString())) bits.Set(ord);
        }
        return bits;
    }
}
