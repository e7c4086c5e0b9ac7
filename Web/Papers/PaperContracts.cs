using PaperSearch.Papers;

namespace PaperSearch.Web.Papers;

/// <summary>Everything the paper page shows about one paper.</summary>
public sealed record PaperDetails(Paper Paper, AiSummary? Summary)
{
    /// <summary>Set when the request named a version other than the one stored (only one version's text is kept).</summary>
    public string? VersionNotice { get; init; }

    /// <summary>The notice for a request of <paramref name="requested"/>, or null when it is what is shown.</summary>
    public static string? NoticeFor(Paper paper, int? requested) =>
        requested is not { } v || (paper.Versions.Count > 0 && v == paper.Version) ? null
        : paper.Versions.Count == 0
            ? $"v{v} was asked for; this instance keeps one version of each paper and its source did not say which one it is."
            : $"v{v} was asked for; this instance keeps only v{paper.Version} (the newest it has harvested), shown here.";
}
