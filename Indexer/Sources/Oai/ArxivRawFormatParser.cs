using System.Xml.Linq;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>metadataPrefix <c>arXivRaw</c>: the full version history (date, size, source type) and the raw author string.</summary>
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
            var latestSourceType = m.Children("version").LastOrDefault()?.Text("source_type");
            return ArxivMetadata.Build(id, m.Text, AuthorNames.SplitList(m.Text("authors")), versions, latestSourceType);
        });
}
