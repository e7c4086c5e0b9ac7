using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Web.Related;

/// <summary>How the text of a long input is turned into one query vector.</summary>
public enum WindowAggregation
{
    /// <summary>The mean of every window's vector, normalised: the whole text's topic.</summary>
    Mean,
    /// <summary>The first window only (a title and abstract come first in a draft).</summary>
    First,
}

/// <summary>
/// Bound from "Related": related work for a text, ids or a bibliography, and the paper page's related list (one
/// pipeline). Alpha and Tau are learned by <c>tune --task related</c> on ACM-CR's dev split (22 citing papers:
/// α = 0.796, τ = 0.001), never the short-query α.
/// </summary>
public sealed class RelatedOptions
{
    public const string Section = "Related";

    /// <summary>Candidates taken from each side (the like-query's BM25 hits, the nearest vectors) before fusing.</summary>
    [Range(10, 2000, ErrorMessage = "Related:PoolPerSide must be 10..2000.")]
    public int PoolPerSide { get; set; } = 100;

    /// <summary>Query terms chosen from the text by tf·idf (MoreLikeThis); Lucene's default is 25; 100 measured best on ACM-CR dev (nDCG@10 of the bm25 row 0.231 at 25, 0.276 at 100, 0.277 at 200).</summary>
    [Range(1, 200, ErrorMessage = "Related:MaxTerms must be 1..200.")]
    public int MaxTerms { get; set; } = 100;

    /// <summary>
    /// Bound on the like-query's cost: the sum of its terms' document frequencies (what BM25 reads). Terms that would
    /// exceed it give way to rarer ones, so related work costs the same at millions of papers as at 100k.
    /// </summary>
    [Range(1_000, 1_000_000_000, ErrorMessage = "Related:MaxPostings must be 1000..1000000000.")]
    public int MaxPostings { get; set; } = Indexer.Index.SearchSnapshot.DefaultMaxPostings;

    /// <summary>Weight of the embedding cosine in the fused score (1 − α goes to BM25).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Related:Alpha must be in [0, 1].")]
    public double Alpha { get; set; } = 0.8;

    /// <summary>Temperature of the smooth Top-k membership.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "Related:Tau must be positive.")]
    public double Tau { get; set; } = 0.001;

    /// <summary>Words per embedded window: about 240 word pieces, inside the model's 256-token window.</summary>
    [Range(16, 400, ErrorMessage = "Related:WindowWords must be 16..400.")]
    public int WindowWords { get; set; } = 180;

    /// <summary>Windows embedded at most (evenly spread over a longer text): bounds the model's cost per request.</summary>
    [Range(1, 64, ErrorMessage = "Related:MaxWindows must be 1..64.")]
    public int MaxWindows { get; set; } = 16;

    public WindowAggregation Aggregation { get; set; } = WindowAggregation.Mean;

    /// <summary>Longest text accepted, in characters (a whole draft; the REST body limit is separate).</summary>
    [Range(1_000, 1_000_000, ErrorMessage = "Related:MaxTextLength must be 1000..1000000.")]
    public int MaxTextLength { get; set; } = 200_000;

    /// <summary>Time the BM25 side may spend collecting hits (0 = unbounded), as Search:TimeBudgetMs.</summary>
    [Range(0, 60_000, ErrorMessage = "Related:TimeBudgetMs must be 0..60000 (0 = no budget).")]
    public int TimeBudgetMs { get; set; } = 2000;

    public TimeSpan? TimeBudget => TimeBudgetMs > 0 ? TimeSpan.FromMilliseconds(TimeBudgetMs) : null;
}
