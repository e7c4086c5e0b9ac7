using PaperSearch.Categories;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Library;

/// <summary>Which model orders the recommendations: the product's fusion, or one of the baselines <c>eval --task library</c> reports.</summary>
public enum RecommendModel { Hybrid, Ridge, Centroid, Nearest, Bm25 }

/// <summary>
/// "What else would I want to read?" for a library: the papers the reader starred (<see cref="Positives"/>) and those
/// they dismissed (<see cref="Negatives"/>). With <see cref="Candidates"/> the model only orders those ids (a daily list or a
/// search page sorted "❤ for you"); otherwise it ranks the whole catalog within the filters.
/// </summary>
public sealed record RecommendRequest
{
    public IReadOnlyList<string> Positives { get; init; } = [];
    public IReadOnlyList<string> Negatives { get; init; } = [];
    public IReadOnlyList<string>? Candidates { get; init; }
    public int K { get; init; } = 20;
    public CategoryExpression Categories { get; init; } = CategoryExpression.Everything;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public RecommendModel Model { get; init; } = RecommendModel.Hybrid;

    /// <summary>Ids left out of the results without being used as input (<c>eval</c>: none beyond the positives).</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = [];

    public const int MaxK = 100;
    public const int MaxPositives = 2000;
    public const int MaxNegatives = 2000;
    public const int MaxCandidates = 1000;
}

/// <summary>A paper of the library a recommendation is near to, with the cosine between the two.</summary>
public sealed record LibraryNeighbour(string Id, string Title, double Cosine);

/// <summary>
/// One recommendation and why: the library papers it is nearest to, the library keywords it shares, its fused score
/// and the smooth Top-k membership (how sure: near 1 = clearly among the best k for this library).
/// </summary>
public sealed record Recommendation(
    string Id, string Title, IReadOnlyList<string> Authors, IReadOnlyList<string> Categories, DateOnly? Date,
    double Score, double? Membership, IReadOnlyList<LibraryNeighbour> Because, IReadOnlyList<string> SharedTerms)
{
    public string Abstract { get; init; } = "";
    public string? Tldr { get; init; }
}

/// <summary>
/// The answer, best first: the library's telling keywords, the positives not found here (<paramref name="Unknown"/>),
/// the model that ranked (<c>hybrid</c>, <c>related</c> for a one-paper library, <c>keywords</c> without vectors, or a baseline)
/// and notices a person can act on.
/// </summary>
public sealed record RecommendResult(
    IReadOnlyList<Recommendation> Hits,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Unknown,
    IReadOnlyList<string> Notices,
    string Model,
    long TookMs);
