using System.Xml.Linq;
using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>metadataPrefix <c>arXivRaw</c>: the full version history (date and size per version) and the raw author string.</summary>
internal static class ArxivRawFormatParser
{
    public static SourceRecord Parse(XElement m, string? identifier, string source, string position) =>
        SourceRecords.Paper(source, position, m.Text("id") ?? identifier, id =>
        {
            var versions = m.Children("version")
                .Select(v => (Number: SourceText.ParseVersionLabel(v.Attribute("version")?.Value), Date: SourceText.ParseRfc1123(v.Text("date")), Size: v.Clean("size")))
                .Where(v => v.Number is not null && v.Date is not null)
                .Select(v => new PaperVersion(v.Number!.Value, v.Date!.Value, v.Size))
                .OrderBy(v => v.Number)
                .ToList();
            var comments = m.Clean("comments");
            var latest = versions.Count > 0 ? versions[^1] : null;
            var latestSourceType = m.Children("version").LastOrDefault()?.Text("source_type");
            return new Paper
            {
                Id = id.Id,
                Version = Math.Max(latest?.Number ?? 1, id.Version ?? 1),
                Title = m.Clean("title") ?? "",
                Abstract = m.Clean("abstract") ?? "",
                Authors = AuthorNames.SplitList(m.Text("authors")),
                Categories = CategoryAliases.ParseList(m.Text("categories")),
                Comments = comments,
                JournalRef = m.Clean("journal-ref"),
                Doi = SourceText.Doi(m.Text("doi")),
                License = m.Clean("license"),
                ReportNo = m.Clean("report-no"),
                Submitted = versions.Count > 0 ? versions[0].Date : null,
                Updated = latest?.Date,
                Withdrawn = Withdrawal.IsWithdrawn(comments, latest?.Size, latestSourceType),
                Versions = versions,
            };
        });
}
