using System.Globalization;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// arXiv marks a withdrawal by replacing the paper with a tiny (0–1 kb) version whose comment says it was withdrawn.
/// Either an explicit "this paper has been withdrawn" comment, or "withdrawn" in the comment of a version that small.
/// </summary>
internal static class Withdrawal
{
    private const int MaxWithdrawalKb = 2;

    public static bool IsWithdrawn(string? comments, string? latestSize)
    {
        if (string.IsNullOrEmpty(comments) || !comments.Contains("withdrawn", StringComparison.OrdinalIgnoreCase)) return false;
        if (comments.Contains("has been withdrawn", StringComparison.OrdinalIgnoreCase)
            || comments.StartsWith("withdrawn", StringComparison.OrdinalIgnoreCase)) return true;
        return SizeKb(latestSize) is <= MaxWithdrawalKb;
    }

    /// <summary>"853kb" or "0kb,I" → 853 / 0; null when absent or unreadable.</summary>
    public static int? SizeKb(string? size)
    {
        if (string.IsNullOrWhiteSpace(size)) return null;
        var s = size.AsSpan().Trim();
        var kb = s.IndexOf("kb", StringComparison.OrdinalIgnoreCase);
        return kb > 0 && int.TryParse(s[..kb], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
