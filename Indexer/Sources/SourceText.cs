using System.Globalization;
using System.Text;

namespace PaperSearch.Indexer.Sources;

/// <summary>Small text helpers every source format needs (arXiv metadata is hard-wrapped at ~80 columns).</summary>
internal static class SourceText
{
    /// <summary>Collapses every whitespace run (arXiv's hard line breaks and indents) into one space and trims; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty) return null;
        if (!NeedsCollapsing(span)) return span.Length == text.Length ? text : span.ToString();

        var sb = new StringBuilder(span.Length);
        var pendingSpace = false;
        foreach (var ch in span)
        {
            if (char.IsWhiteSpace(ch)) { pendingSpace = true; continue; }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool NeedsCollapsing(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var ch = span[i];
            if (ch == ' ') { if (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1])) return true; }
            else if (char.IsWhiteSpace(ch)) return true;
        }
        return false;
    }

    /// <summary>A DOI without the "doi:" or resolver-URL wrapper some records carry ("doi:10.1103/…" → "10.1103/…").</summary>
    public static string? Doi(string? text)
    {
        var doi = Clean(text);
        if (doi is null) return null;
        foreach (var prefix in DoiPrefixes)
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return Clean(doi[prefix.Length..]);
        return doi;
    }

    private static readonly string[] DoiPrefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"];

    /// <summary>Parses arXiv's version timestamp "Mon, 2 Apr 2007 19:18:42 GMT" (RFC 1123 with a one-digit day allowed).</summary>
    public static DateTimeOffset? ParseRfc1123(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParseExact(Clean(text), Rfc1123Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
    }

    private static readonly string[] Rfc1123Formats = ["ddd, d MMM yyyy HH:mm:ss 'GMT'", "d MMM yyyy HH:mm:ss 'GMT'"];

    /// <summary>Parses an ISO date or date-time ("2008-11-26", "2026-06-16T17:59:46+00:00") as UTC.</summary>
    public static DateTimeOffset? ParseIso(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
    }

    /// <summary>"v12" → 12; null for anything else.</summary>
    public static int? ParseVersionLabel(string? label) =>
        label is { Length: > 1 } && (label[0] is 'v' or 'V') && int.TryParse(label.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : null;
}
