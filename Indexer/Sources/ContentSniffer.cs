namespace PaperSearch.Indexer.Sources;

internal enum ContentFormat { Unknown, JsonLines, OaiPmh, Abs }

/// <summary>
/// Tells the text formats apart from their first bytes (after any BOM and leading whitespace). XML and .abs are
/// whole documents, so their opening decides. Any other text is read as JSON lines, whose shape
/// <see cref="Json.JsonLinesReader"/> finds in the first several lines, so one bad or 50 MB first line is a
/// rejected line rather than a rejected file; binary content (a NUL in the first bytes) is no text format.
/// </summary>
internal static class ContentSniffer
{
    public static ContentFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8)) head = head[3..];
        head = head.TrimStart(" \t\r\n"u8);
        if (head.IsEmpty || head.Contains((byte)0)) return ContentFormat.Unknown;
        if (head[0] == (byte)'<') return head.IndexOf("<OAI-PMH"u8) >= 0 ? ContentFormat.OaiPmh : ContentFormat.Unknown;
        // An .abs file opens with a rule of dashes, then "\\", then "arXiv:ID" (very old ones: "Paper: ID").
        if (head.StartsWith("-----"u8) || head.StartsWith(@"\\"u8) || head.StartsWith("arXiv:"u8) || head.StartsWith("Paper:"u8))
            return ContentFormat.Abs;
        return ContentFormat.JsonLines;
    }
}
