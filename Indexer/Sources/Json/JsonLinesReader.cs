using System.Text.Json;

namespace PaperSearch.Indexer.Sources.Json;

/// <summary>Turns one parsed JSON object into a record (the line's format is already known).</summary>
internal delegate SourceRecord JsonLineParser(JsonElement record, string source, string position);

/// <summary>The JSON-lines shapes we understand, told apart by their keys.</summary>
internal enum JsonLineShape { Unknown, KaggleSnapshot, DailyListing, AiEnhanced }

/// <summary>
/// Reads a JSON-lines stream one line at a time (one <see cref="JsonDocument"/> per line, disposed at once), so a
/// 200 MB file parses in constant memory. A malformed line becomes a <see cref="RejectedRecord"/> naming its line.
/// </summary>
internal static class JsonLinesReader
{
    public static JsonLineShape Classify(JsonElement record) =>
        record.ValueKind != JsonValueKind.Object ? JsonLineShape.Unknown
        : record.Has("AI") ? JsonLineShape.AiEnhanced
        : record.Has("_source_file") ? JsonLineShape.DailyListing
        : record.Has("versions") || record.Has("update_date") || record.Has("authors_parsed") ? JsonLineShape.KaggleSnapshot
        : JsonLineShape.Unknown;

    public static JsonLineParser? ParserFor(JsonLineShape shape) => shape switch
    {
        JsonLineShape.KaggleSnapshot => KaggleRecordParser.Parse,
        JsonLineShape.DailyListing => DailyListingParser.ParsePaper,
        JsonLineShape.AiEnhanced => DailyListingParser.ParseSummary,
        _ => null,
    };

    /// <summary>How many non-blank lines may go by, none of a known shape, before the file is rejected as a whole.</summary>
    public const int SniffLines = 10;

    /// <summary>
    /// Reads the lines with the parser of the first line whose shape is known (<see cref="Classify"/>). Bad lines
    /// before it (malformed, over-long, of no known shape) are rejected one by one like any other bad line; when the
    /// first <see cref="SniffLines"/> non-blank lines give no shape, the file is rejected as a whole instead.
    /// </summary>
    public static IEnumerable<SourceRecord> Read(Stream stream, string source, string? entry, CancellationToken ct)
    {
        JsonLineParser? parser = null;
        var beforeShape = new List<RejectedRecord>();
        var sawObject = false;
        foreach (var line in Utf8Lines.Read(stream, ct))
        {
            var position = SourcePosition.Of(entry, "line " + line.Number);
            if (!line.TooLong && line.Bytes.Span.Trim(" \t"u8).IsEmpty) continue;
            if (parser is null)
            {
                var (shape, isObject) = line.TooLong ? (JsonLineShape.Unknown, false) : Sniff(line.Bytes.Span);
                sawObject |= isObject;
                parser = ParserFor(shape);
                if (parser is null)
                {
                    beforeShape.Add(line.TooLong ? TooLong(line, source, position) : (RejectedRecord)ParseLine(line.Bytes, source, position, Unplaceable));
                    if (beforeShape.Count < SniffLines) continue;
                    yield return NoKnownShape(source, entry, sawObject);
                    yield break;
                }
                foreach (var rejected in beforeShape) yield return rejected;
            }
            yield return line.TooLong ? TooLong(line, source, position) : ParseLine(line.Bytes, source, position, parser);
        }
        if (parser is null) yield return NoKnownShape(source, entry, sawObject);
    }

    private static (JsonLineShape Shape, bool IsObject) Sniff(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            return (Classify(doc.RootElement), doc.RootElement.ValueKind == JsonValueKind.Object);
        }
        catch (JsonException) { return (JsonLineShape.Unknown, false); }
    }

    /// <summary>The parser for a line before any shape is known: a well-formed object still has no known fields.</summary>
    private static SourceRecord Unplaceable(JsonElement record, string source, string position) =>
        new RejectedRecord(source, position, "a JSON object without the fields of a known format, skipped");

    private static RejectedRecord TooLong(Utf8Line line, string source, string position) =>
        new(source, position, FieldCaps.Describe("the line", line.TooLongBytes, Utf8Lines.MaxLineBytes, "bytes") + " (the most one record may take); skipped");

    private static RejectedRecord NoKnownShape(string source, string? entry, bool sawObject) =>
        SourceReader.Unknown(source, entry, sawObject ? "JSON lines without the fields of a known format" : "unrecognised content");

    private static SourceRecord ParseLine(ReadOnlyMemory<byte> bytes, string source, string position, JsonLineParser parser)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? parser(doc.RootElement, source, position)
                : new RejectedRecord(source, position, $"expected a JSON object, found {doc.RootElement.ValueKind}");
        }
        catch (JsonException e)
        {
            return new RejectedRecord(source, position, "malformed JSON: " + e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            return new RejectedRecord(source, position, "unexpected field value: " + e.Message);
        }
    }
}
