using PaperSearch.Categories;

namespace PaperSearch.Indexer.Index;

public enum IndexSort
{
    /// <summary>BM25 score, best first.</summary>
    Relevance,
    /// <summary>Paper date (listing day, else submission), newest first; ties by score.</summary>
    Date,
}

/// <summary>
/// A search against the index. <paramref name="Query"/> is a parsed query (<see cref="PaperQuery.Parse"/>); null means
/// "everything that passes the filters". <paramref name="Match"/> says whether any or all free words must match. Use Offset/Count for a page, or Offset 0 and Count N for rerank candidates.
/// <paramref name="TimeBudget"/> bounds the time spent collecting hits (null: no bound); when it runs out the result
/// holds the best hits among the documents visited so far and is flagged <see cref="IndexSearchResult.Partial"/>.
/// </summary>
public sealed record IndexSearchRequest(
    ParsedQuery? Query,
    CategoryExpression? Categories = null,
    DateOnly? From = null,
    DateOnly? To = null,
    bool IncludeWithdrawn = false,
    IndexSort Sort = IndexSort.Relevance,
    int Offset = 0,
    int Count = 20,
    bool Highlight = false,
    TimeSpan? TimeBudget = null,
    WordMatch Match = WordMatch.Any);

/// <summary>HTML fragments: text HTML-encoded first, then query matches wrapped in &lt;mark&gt;.</summary>
public sealed record Highlights(string TitleHtml, string? AbstractHtml);

/// <summary>The summary part a query matched (<paramref name="Part"/>: an <see cref="Papers.AiSummary.PartNames"/> name), whole,
/// encoded as <see cref="Highlights"/> are.</summary>
public sealed record SummaryHighlight(string Part, string Html);

/// <summary>One hit: arXiv id and BM25 score (0 for match-all queries sorted by date).</summary>
public sealed record IndexHit(string Id, float Score, Highlights? Highlights = null)
{
    /// <summary>The Lucene document in the snapshot that found it (highlights read it without a lookup).</summary>
    internal int? Doc { get; init; }
}

/// <summary>Hits and the total matched; <paramref name="Partial"/> when the time budget stopped the search early
/// (Total then counts only the documents visited).</summary>
public sealed record IndexSearchResult(int Total, IReadOnlyList<IndexHit> Hits, bool Partial = false)
{
    public static IndexSearchResult Empty { get; } = new(0, []);
}

/// <summary>An index term of a paper with its TF-IDF weight (terms are analysed: lowercased, stemmed).</summary>
public sealed record KeywordWeight(string Term, double Weight);

/// <summary>Reindex progress: documents written so far out of the store's live count at start.</summary>
public sealed record ReindexProgress(long Done, long Total);

/// <summary>What the index holds. NumDocs == MaxDoc after a merge-free run means no duplicates or deletes pending.</summary>
public sealed record IndexStats(int NumDocs, int MaxDoc, long CommittedSeq, long AppliedSeq, string Directory, int Segments = 0);

/// <summary>Outcome of <see cref="PaperIndexWriter.ForceMergeAsync"/>: segment counts and the deleted documents purged.</summary>
public sealed record MergeResult(int SegmentsBefore, int SegmentsAfter, int DeletedPurged);
