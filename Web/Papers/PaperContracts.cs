using PaperSearch.Papers;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Papers;

/// <summary>Everything the paper page shows about one paper.</summary>
public sealed record PaperDetails(Paper Paper, AiSummary? Summary);

/// <summary>A related paper: semantic neighbour fused with a BM25 query of the paper's keywords.</summary>
public sealed record RelatedPaper(
    string Id, string Title, IReadOnlyList<string> Authors, IReadOnlyList<string> Categories,
    DateOnly? Date, double Score, HitExplain Explain);
