namespace PaperSearch.Indexer.Sources;

internal enum ContentFormat { Unknown, JsonLines, OaiPmh, Abs }

/// <summary>Tells the text formats apart from their first bytes (after any BOM and leading whitespace).</summary>
internal static class ContentSniffer
{
    public static ContentFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8)) head = head[3..];
        head = head.TrimStart(" \t\r\n"u8);
        if (head.IsEmpty) return ContentFormat.Unknown;
        if (head[0] == (byte)'{') return ContentFormat.JsonLines;
        if (head[0] == (byte)'<') return head.IndexOf("<OAI-PMH"u8) >= 0 ? ContentFormat.OaiPmh : ContentFormat.Unknown;
        // An .abs file opens with a rule of dashes, then "\\", then "arXiv:ID" (very old ones: "Paper: ID").
        if (head.StartsWith("-----"u8) || head.StartsWith(@"\\"u8) || head.StartsWith("arXiv:"u8) || head.StartsWith("Paper:"u8))
            return ContentFormat.Abs;
        return ContentFormat.Unknown;
    }
}
