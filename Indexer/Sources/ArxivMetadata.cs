using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// arXiv's own metadata fields carry the same names in the Kaggle snapshot, the arXiv and arXivRaw OAI formats and
/// .abs headers (title, abstract, categories, comments, journal-ref, doi, license, report-no), so one mapping serves
/// them all; each format supplies the lookup, its author list and its version history.
/// </summary>
internal static class ArxivMetadata
{
    /// <param name="field">Raw value of a field by its lower-case arXiv name, or null when absent.</param>
    /// <param name="latestSourceType">Source-type flags of the newest version ("I" marks a withdrawal), if the format has them.</param>
    public static Paper Build(ArxivId id, Func<string, string?> field, IReadOnlyList<string> authors,
        IReadOnlyList<PaperVersion> versions, string? latestSourceType = null)
    {
        var comments = SourceText.Clean(field("comments"));
        var latest = versions.Count > 0 ? versions[^1] : null;
        var codes = ClassCodes.Parse([field("categories")]);
        var msc = ClassCodes.Parse([field("msc-class")]).Msc.Concat(codes.Msc).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var acm = ClassCodes.Parse([field("acm-class")]).Acm.Concat(codes.Acm).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new Paper
        {
            Id = id.Id,
            Version = Math.Max(latest?.Number ?? 1, id.Version ?? 1),
            Title = SourceText.Clean(field("title")) ?? "",
            Abstract = SourceText.Clean(field("abstract")) ?? "",
            Authors = authors,
            Categories = codes.Categories,
            MscClasses = msc,
            AcmClasses = acm,
            Comments = comments,
            JournalRef = SourceText.Clean(field("journal-ref")),
            Doi = SourceText.Doi(field("doi")),
            License = SourceText.Clean(field("license")),
            ReportNo = SourceText.Clean(field("report-no")),
            Submitted = versions.Count > 0 ? versions[0].Date : null,
            Updated = latest?.Date,
            Withdrawn = Withdrawal.IsWithdrawn(comments, latest?.Size, latestSourceType),
            Versions = versions,
        };
    }
}
