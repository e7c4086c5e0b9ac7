using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Web.Search;

/// <summary>
/// Bound from "Search". Fusion defaults come from `tune` on SciFact's train split (768 queries; α = 0.5908,
/// τ = 0.0027), never its test split.
/// </summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    public SearchMode DefaultMode { get; set; } = SearchMode.Hybrid;

    /// <summary>BM25 candidates reranked in hybrid mode.</summary>
    [Range(10, 5000, ErrorMessage = "Search:CandidatePool must be 10..5000.")]
    public int CandidatePool { get; set; } = 200;

    /// <summary>Weight of the embedding cosine in the fused score (1 − α goes to BM25).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Search:Alpha must be in [0, 1].")]
    public double Alpha { get; set; } = 0.59;

    /// <summary>Temperature of the smooth Top-k membership.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "Search:Tau must be positive.")]
    public double Tau { get; set; } = 0.0027;

    /// <summary>
    /// Time one query may spend collecting hits in the index (0 = unbounded). When it runs out the response carries
    /// the best hits found so far, <c>partial: true</c> and a notice, rather than an error: a reader still gets
    /// results, and a script can see they are incomplete. Typical queries on the 118k corpus take well under 100 ms.
    /// </summary>
    [Range(0, 60_000, ErrorMessage = "Search:TimeBudgetMs must be 0..60000 (0 = no budget).")]
    public int TimeBudgetMs { get; set; } = 2000;

    public TimeSpan? TimeBudget => TimeBudgetMs > 0 ? TimeSpan.FromMilliseconds(TimeBudgetMs) : null;

}
