using System.Xml;
using System.Xml.Linq;
using PaperSearch.Papers;

// TEMPORARY: stands in for the sources engineer's OaiResponseParser until it lands on main; deleted at merge.
namespace PaperSearch.Indexer.Sources.Oai;

public sealed record OaiPage
{
    public DateTimeOffset? ResponseDate { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public IReadOnlyList<SourceRecord> Records { get; init; } = [];
    public string? ResumptionToken { get; init; }
    public int? CompleteListSize { get; init; }
    public int? Cursor { get; init; }
}

public static class OaiResponseParser
{
    private static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";

    public static OaiPage Parse(Stream xml, string source)
    {
        var doc = XDocument.Load(xml);
        var root = doc.Root ?? throw new XmlException("empty document");
        var error = root.Element(Oai + "error");
        var token = root.Descendants(Oai + "resumptionToken").FirstOrDefault();
        var records = new List<SourceRecord>();
        var n = 0;
        foreach (var r in root.Descendants(Oai + "record"))
        {
            n++;
            var header = r.Element(Oai + "header")!;
            var id = ArxivId.Normalize(header.Element(Oai + "identifier")?.Value) ?? "";
            if ((string?)header.Attribute("status") == "deleted") { records.Add(new DeletedRecord(source, $"record {n}", id)); continue; }
            var meta = r.Element(Oai + "metadata")?.Elements().FirstOrDefault();
            var title = meta?.Elements().FirstOrDefault(e => e.Name.LocalName == "title")?.Value.Trim() ?? "";
            records.Add(new PaperRecord(source, $"record {n}", new Paper { Id = id, Title = title }));
        }
        return new OaiPage
        {
            ResponseDate = DateTimeOffset.TryParse(root.Element(Oai + "responseDate")?.Value, out var d) ? d : null,
            ErrorCode = (string?)error?.Attribute("code"),
            ErrorMessage = error?.Value.Trim(),
            Records = records,
            ResumptionToken = token?.Value,
            CompleteListSize = int.TryParse((string?)token?.Attribute("completeListSize"), out var c) ? c : null,
            Cursor = int.TryParse((string?)token?.Attribute("cursor"), out var k) ? k : null,
        };
    }
}
