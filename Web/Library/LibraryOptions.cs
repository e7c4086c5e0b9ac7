using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Web.Library;

/// <summary>
/// Bound from "Library": the per-request model behind "For you", <c>POST /api/recommend</c>, the ❤ sort and library feeds.
/// The weights and the ridge are learned by <c>tune --task library</c> on ACM-CR's dev libraries.
/// </summary>
public sealed class LibraryOptions : IValidatableObject
{
    public const string Section = "Library";

    /// <summary>The ridge, relative to the mean eigenvalue of the features' Gram matrix.</summary>
    [Range(1e-6, 1e6, ErrorMessage = "Library:Lambda must be in [0.000001, 1000000].")]
    public double Lambda { get; set; } = 3.0;

    /// <summary>Papers drawn (seeded) from the catalog as the "not in the library" class of the linear model.</summary>
    [Range(50, 100_000, ErrorMessage = "Library:SampleSize must be 50..100000.")]
    public int SampleSize { get; set; } = 2000;

    /// <summary>How much a dismissed paper counts against, relative to one sampled paper.</summary>
    [Range(0.0, 1000.0, ErrorMessage = "Library:NegativeWeight must be 0..1000.")]
    public double NegativeWeight { get; set; } = 20;

    /// <summary>Candidates taken from each side (the linear model's scan, the neighbours of the library, the keyword query).</summary>
    [Range(10, 5000, ErrorMessage = "Library:PoolPerSide must be 10..5000.")]
    public int PoolPerSide { get; set; } = 200;

    /// <summary>Library papers whose own nearest neighbours join the pool (the most recently added first).</summary>
    [Range(0, 500, ErrorMessage = "Library:NeighbourSeeds must be 0..500.")]
    public int NeighbourSeeds { get; set; } = 40;

    /// <summary>Keywords of the library in its BM25 query (tf·idf over the library's titles and abstracts).</summary>
    [Range(1, 200, ErrorMessage = "Library:MaxTerms must be 1..200.")]
    public int MaxTerms { get; set; } = 60;

    /// <summary>Bound on that query's cost, the sum of its terms' document frequencies, as <c>Related:MaxPostings</c>.</summary>
    [Range(1_000, 1_000_000_000, ErrorMessage = "Library:MaxPostings must be 1000..1000000000.")]
    public int MaxPostings { get; set; } = Indexer.Index.SearchSnapshot.DefaultMaxPostings;

    /// <summary>Weight of the linear model's score in the fusion (all three weights are normalised to sum to 1).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Library:WeightLinear must be in [0, 1].")]
    public double WeightLinear { get; set; } = 0.1;

    /// <summary>Weight of the cosine to the nearest library paper.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Library:WeightNearest must be in [0, 1].")]
    public double WeightNearest { get; set; } = 0.6;

    /// <summary>Weight of the BM25 score of the library's keywords.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Library:WeightBm25 must be in [0, 1].")]
    public double WeightBm25 { get; set; } = 0.3;

    /// <summary>Temperature of the smooth Top-k membership ("how sure"), in fused-score units.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "Library:Tau must be positive.")]
    public double Tau { get; set; } = 0.02;

    /// <summary>Time the BM25 side may spend collecting hits (0 = unbounded).</summary>
    [Range(0, 60_000, ErrorMessage = "Library:TimeBudgetMs must be 0..60000 (0 = no budget).")]
    public int TimeBudgetMs { get; set; } = 2000;

    /// <summary>Announcement days a library feed covers, ending with the newest day in the store.</summary>
    [Range(1, 90, ErrorMessage = "Library:FeedDays must be 1..90.")]
    public int FeedDays { get; set; } = 7;

    /// <summary>Papers a library feed ranks (its k), before the membership cut.</summary>
    [Range(1, RecommendRequest.MaxK, ErrorMessage = "Library:FeedEntries must be 1..100.")]
    public int FeedEntries { get; set; } = 50;

    /// <summary>
    /// A feed entry needs at least this smooth Top-k membership. Membership is calibrated against <see cref="FeedEntries"/>
    /// (over the week's pool the memberships sum to about that k), so 0.5 is where the model says a paper is more likely
    /// in the library's best k than out of it: a full week gives about k entries, fewer when the scores bunch at the
    /// boundary, and a paper the model only guesses at never becomes an alert. Raise it for fewer, surer entries.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Library:FeedMinMembership must be in [0, 1].")]
    public double FeedMinMembership { get; set; } = 0.5;

    public TimeSpan? TimeBudget => TimeBudgetMs > 0 ? TimeSpan.FromMilliseconds(TimeBudgetMs) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (WeightLinear + WeightNearest + WeightBm25 <= 0)
            yield return new ValidationResult("Library:WeightLinear, WeightNearest and WeightBm25 must not all be 0.");
    }

    /// <summary>A copy to change (a tuner trying another ridge or weights), leaving the bound options as they are.</summary>
    public LibraryOptions Copy() => (LibraryOptions)MemberwiseClone();

    /// <summary>The three weights normalised to sum to 1.</summary>
    public (double Linear, double Nearest, double Bm25) Weights()
    {
        var sum = WeightLinear + WeightNearest + WeightBm25;
        return (WeightLinear / sum, WeightNearest / sum, WeightBm25 / sum);
    }
}
