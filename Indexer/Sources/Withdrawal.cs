using System.Globalization;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// arXiv withdraws a paper by adding an empty version: size 0–1 kb, source type "I" (ignore), and usually a comment
/// saying so ("This paper has been withdrawn …", "withdrawn by arXiv administrators …"). With a version size we trust
/// the size; without one (Kaggle, the arXiv format) only an explicit withdrawal phrase counts, so a comment such as
/// "v2: withdrawn claim corrected" on a full-size paper is not misread.
/// </summary>
internal static class Withdrawal
{
    private const int MaxWithdrawalKb = 2;

    public static bool IsWithdrawn(string? comments, string? latestSize, string? latestSourceType = null)
    {
        var kb = SizeKb(latestSize);
        if (kb is <= 1 && latestSourceType is not null && latestSourceType.Contains('I', StringComparison.OrdinalIgnoreCase)) return true;
        if (string.IsNullOrEmpty(comments) || !comments.Contains("withdrawn", StringComparison.OrdinalIgnoreCase)) return false;
        if (kb is { } known) return known <= MaxWithdrawalKb;
        return comments.Contains("has been withdrawn", StringComparison.OrdinalIgnoreCase)
            || comments.Contains("withdrawn by", StringComparison.OrdinalIgnoreCase)
            || comments.StartsWith("withdrawn", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"853kb" → 853; null when absent or unreadable.</summary>
    public static int? SizeKb(string? size)
    {
        if (string.IsNullOrWhiteSpace(size)) return null;
        var s = size.AsSpan().Trim();
        var kb = s.IndexOf("kb", StringComparison.OrdinalIgnoreCase);
        return kb > 0 && int.TryParse(s[..kb], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
