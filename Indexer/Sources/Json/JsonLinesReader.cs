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

    /// <summary>The shape of the first non-blank, well-formed line in <paramref name="prefix"/>, or Unknown.</summary>
    public static JsonLineShape Sniff(ReadOnlySpan<byte> prefix)
    {
        while (!prefix.IsEmpty)
        {
            var newline = prefix.IndexOf((byte)'\n');
            var line = newline < 0 ? prefix : prefix[..newline];
            prefix = newline < 0 ? [] : prefix[(newline + 1)..];
            if (line.StartsWith("\uFEFF"u8)) line = line[3..];
            if (line.Trim(" \t\r"u8).IsEmpty) continue;
            try
            {
                var reader = new Utf8JsonReader(line);
                using var doc = JsonDocument.ParseValue(ref reader);
                return Classify(doc.RootElement);
            }
            catch (JsonException) { /* a corrupt first line: look at the next one */ }
        }
        return JsonLineShape.Unknown;
    }

    public static IEnumerable<SourceRecord> Read(Stream stream, string source, string? entry, JsonLineParser parser, CancellationToken ct)
    {
        foreach (var line in Utf8Lines.Read(stream, ct))
        {
            var position = SourcePosition.Of(entry, "line " + line.Number);
            if (line.TooLong)
            {
                yield return new RejectedRecord(source, position, FieldCaps.Describe("the line", line.TooLongBytes, Utf8Lines.MaxLineBytes, "bytes") + " (the most one record may take); skipped");
                continue;
            }
            if (line.Bytes.Span.Trim(" \t"u8).IsEmpty) continue;
            yield return ParseLine(line.Bytes, source, position, parser);
        }
    }

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
