using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>
/// Parses OAI-PMH responses (GetRecord, ListRecords) from arXiv in the <c>arXiv</c>, <c>arXivRaw</c> and <c>oai_dc</c>
/// metadata formats. Streams with <see cref="XmlReader"/>: only one <c>record</c> element is in memory at a time, and never more of it than
/// <see cref="FieldCaps"/> allow (<see cref="BoundedRecordReader"/>).
/// </summary>
public static class OaiResponseParser
{
    /// <summary>Parses one response page (what the harvester gets per request).</summary>
    /// <exception cref="XmlException">The page is not well-formed XML; its LineNumber/LinePosition say where.</exception>
    public static OaiPage Parse(Stream xml, string source)
    {
        var state = new PageState();
        using var text = new XmlSafeTextReader(xml);
        using var reader = XmlReader.Create(text, Settings);
        var records = ReadPage(reader, source, entry: null, state, CancellationToken.None).ToList();
        return new OaiPage(state.ResponseDate ?? DateTimeOffset.MinValue, state.ErrorCode, state.ErrorMessage, records,
            state.ResumptionToken, state.CompleteListSize, state.Cursor);
    }

    /// <summary>
    /// The records of a response file for <see cref="SourceReader"/>: never throws for content. Malformed XML ends the
    /// file with a rejection at the error's line and column; an OAI error other than noRecordsMatch is reported too.
    /// </summary>
    internal static IEnumerable<SourceRecord> ReadRecords(Stream xml, string source, string? entry, CancellationToken ct)
    {
        var state = new PageState();
        using var text = new XmlSafeTextReader(xml);
        using var reader = XmlReader.Create(text, Settings);
        using var records = ReadPage(reader, source, entry, state, ct).GetEnumerator();
        while (true)
        {
            SourceRecord? next = null;
            RejectedRecord? failure = null;
            try
            {
                if (!records.MoveNext()) break;
                next = records.Current;
            }
            catch (XmlException e)
            {
                failure = new RejectedRecord(source, SourcePosition.Of(entry, $"line {e.LineNumber}, column {e.LinePosition}"),
                    "malformed XML, rest of the file skipped: " + e.Message);
            }
            if (failure is not null) { yield return failure; yield break; }
            yield return next!;
        }
        if (state.ErrorCode is { } code && code != OaiPage.NoRecordsMatch)
            yield return new RejectedRecord(source, SourcePosition.Of(entry, "error"), $"OAI-PMH error {code}: {state.ErrorMessage}");
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        // A reference to a character XML cannot carry (&#1;) is not well-formed; checking would end the whole file at
        // the first one. Unchecked, the record is read and PaperText removes the character (raw ones never get here:
        // XmlSafeTextReader drops them).
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private sealed class PageState
    {
        public DateTimeOffset? ResponseDate;
        public string? ErrorCode, ErrorMessage, ResumptionToken;
        public long? CompleteListSize, Cursor;
    }

    private static IEnumerable<SourceRecord> ReadPage(XmlReader reader, string source, string? entry, PageState state, CancellationToken ct)
    {
        var lineInfo = reader as IXmlLineInfo;
        var index = 0;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            switch (reader.LocalName)
            {
                case "responseDate":
                    state.ResponseDate = SourceText.ParseIso(reader.ReadElementContentAsString());
                    continue;
                case "error":
                    state.ErrorCode = reader.GetAttribute("code") ?? "unknown";
                    state.ErrorMessage = SourceText.Clean(reader.ReadElementContentAsString());
                    continue;
                case "resumptionToken":
                    state.CompleteListSize = Long(reader.GetAttribute("completeListSize"));
                    state.Cursor = Long(reader.GetAttribute("cursor"));
                    // An empty token element marks the last page of a list that had several.
                    state.ResumptionToken = reader.ReadElementContentAsString().Trim() is { Length: > 0 } token ? token : null;
                    continue;
                case "record":
                    ct.ThrowIfCancellationRequested();
                    index++;
                    var position = SourcePosition.Of(entry, lineInfo is { } li && li.HasLineInfo()
                        ? $"line {li.LineNumber}, column {li.LinePosition}, record {index}"
                        : $"record {index}");
                    var (record, overCap) = BoundedRecordReader.Read(reader);
                    yield return overCap is null
                        ? OaiRecordParser.Parse(record, source, position)
                        : new RejectedRecord(source, position, $"record {IdentifierOf(record)}: {overCap}; skipped");
                    continue;
                default:
                    reader.Read();
                    continue;
            }
        }
    }

    private static string IdentifierOf(XElement record) =>
        SourceRecords.Shorten(record.Child("header")?.Clean("identifier") ?? "without an identifier");

    private static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
