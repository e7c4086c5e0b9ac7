using System.Xml.Linq;
using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>metadataPrefix <c>arXiv</c>: structured authors (keyname/forenames/suffix), created/updated dates, no version history.</summary>
internal static class ArxivFormatParser
{
    public static SourceRecord Parse(XElement m, string? identifier, string source, string position) =>
        SourceRecords.Paper(source, position, m.Text("id") ?? identifier, id =>
        {
            var comments = m.Clean("comments");
            return new Paper
            {
                Id = id.Id,
                Version = id.Version ?? 1,
                Title = m.Clean("title") ?? "",
                Abstract = m.Clean("abstract") ?? "",
                Authors = (m.Child("authors")?.Children("author") ?? [])
                    .Select(a => AuthorNames.FromParts(a.Text("keyname"), a.Text("forenames"), a.Text("suffix")))
                    .OfType<string>().ToList(),
                Categories = CategoryAliases.ParseList(m.Text("categories")),
                Comments = comments,
                JournalRef = m.Clean("journal-ref"),
                Doi = SourceText.Doi(m.Text("doi")),
                License = m.Clean("license"),
                ReportNo = m.Clean("report-no"),
                Submitted = SourceText.ParseIso(m.Text("created")),
                Updated = SourceText.ParseIso(m.Text("updated")),
                Withdrawn = Withdrawal.IsWithdrawn(comments, latestSize: null),
            };
        });
}
