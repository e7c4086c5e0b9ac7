using System.Xml.Linq;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>One OAI <c>record</c>: a deletion header, or metadata in one of the three formats arXiv serves.</summary>
internal static class OaiRecordParser
{
    public static SourceRecord Parse(XElement record, string source, string position)
    {
        var header = record.Child("header");
        var identifier = header?.Text("identifier")?.Trim();
        if (string.Equals(header?.Attribute("status")?.Value, "deleted", StringComparison.OrdinalIgnoreCase))
        {
            return ArxivId.Normalize(identifier) is { } deletedId
                ? new DeletedRecord(source, position, deletedId)
                : new RejectedRecord(source, position, $"deleted record with an unusable identifier '{identifier}'");
        }

        var metadata = record.Child("metadata")?.Elements().FirstOrDefault();
        if (metadata is null) return new RejectedRecord(source, position, $"record {identifier} has no metadata");
        return metadata.Name.LocalName switch
        {
            "arXiv" => ArxivFormatParser.Parse(metadata, identifier, source, position),
            "arXivRaw" => ArxivRawFormatParser.Parse(metadata, identifier, source, position),
            "dc" => DublinCoreParser.Parse(metadata, header, identifier, source, position),
            var other => new RejectedRecord(source, position, $"record {identifier}: unsupported metadata format <{other}> (expected arXiv, arXivRaw or oai_dc)"),
        };
    }
}
