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
    public int CandidatePool { get; set; } = 200;

    /// <summary>Weight of the embedding cosine in the fused score (1 − α goes to BM25).</summary>
    public double Alpha { get; set; } = 0.59;

    /// <summary>Temperature of the smooth Top-k membership.</summary>
    public double Tau { get; set; } = 0.0027;

    public string? Validate() =>
        CandidatePool is < 10 or > 5000 ? "Search:CandidatePool must be 10..5000."
        : Alpha is < 0 or > 1 ? "Search:Alpha must be in [0, 1]."
        : Tau <= 0 ? "Search:Tau must be positive." : null;
}
