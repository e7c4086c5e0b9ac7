using System.Xml.Linq;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>metadataPrefix <c>arXiv</c>: structured authors (keyname/forenames/suffix), created/updated dates, no version history.</summary>
internal static class ArxivFormatParser
{
    public static SourceRecord Parse(XElement m, string? identifier, string source, string position) =>
        SourceRecords.Paper(source, position, m.Text("id") ?? identifier, id =>
        {
            var authors = (m.Child("authors")?.Children("author") ?? [])
                .Select(a => AuthorNames.FromParts(a.Text("keyname"), a.Text("forenames"), a.Text("suffix")))
                .OfType<string>().ToList();
            return ArxivMetadata.Build(id, m.Text, authors, versions: []) with
            {
                Submitted = SourceText.ParseIso(m.Text("created")),
                Updated = SourceText.ParseIso(m.Text("updated")),
            };
        });
}
