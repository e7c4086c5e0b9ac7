using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PaperSearch.Papers;

/// <summary>
/// A normalised arXiv identifier and optional version.
/// Accepts new-style ids (<c>2401.06769</c>, short <c>2401.6769</c>), old-style ids (<c>hep-th/9901001</c>,
/// <c>math.GT/0309136</c>), a <c>vN</c> suffix, and the usual wrappers (<c>arXiv:</c>, <c>oai:arXiv.org:</c>,
/// <c>https://arxiv.org/abs/…</c>, <c>/pdf/….pdf</c>).
/// </summary>
public readonly partial record struct ArxivId(string Id, int? Version)
{
    public override string ToString() => Version is { } v ? $"{Id}v{v}" : Id;

    public static ArxivId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an arXiv id.");

    /// <summary>Normalised id without version, or null when <paramref name="text"/> is not an arXiv id.</summary>
    public static string? Normalize(string? text) => TryParse(text, out var id) ? id.Id : null;

    /// <summary>
    /// The month a new-style id (<c>YYMM.NNNNN</c>) was assigned, which is the month its first version was submitted
    /// (first day of that month); null for an old-style id, whose number says the same only up to its archive's rules.
    /// </summary>
    public static DateOnly? MonthOf(string id)
    {
        if (id.Length < 9 || id[4] != '.' || !int.TryParse(id.AsSpan(0, 2), out var yy) || !int.TryParse(id.AsSpan(2, 2), out var mm)) return null;
        return mm is >= 1 and <= 12 ? new DateOnly(2000 + yy, mm, 1) : null;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out ArxivId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300) return false;
        // An old-style id in a URL path arrives with its slash encoded (hep-th%2F9901001), as most HTTP clients send it.
        var s = StripWrappers(text.Trim().Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));

        var m = NewStyle().Match(s);
        if (m.Success)
        {
            var yymm = m.Groups["yymm"].Value;
            var month = int.Parse(yymm.AsSpan(2, 2));
            if (month is < 1 or > 12) return false;
            var number = m.Groups["num"].Value.TrimStart('0');
            if (number.Length == 0) return false;
            // Since 2015-01 arXiv numbers have five digits, before that four.
            var width = string.CompareOrdinal(yymm, "1501") >= 0 ? 5 : 4;
            if (number.Length > width) return false;
            id = new ArxivId($"{yymm}.{number.PadLeft(width, '0')}", ParseVersion(m.Groups["v"]));
            return true;
        }

        m = OldStyle().Match(s);
        if (m.Success)
        {
            var month = int.Parse(m.Groups["num"].ValueSpan.Slice(2, 2));
            if (month is < 1 or > 12) return false;
            // Canonical old-style ids drop the subject class: math.GT/0309136 is math/0309136.
            var archive = m.Groups["archive"].Value.ToLowerInvariant();
            id = new ArxivId($"{archive}/{m.Groups["num"].Value}", ParseVersion(m.Groups["v"]));
            return true;
        }
        return false;
    }

    private static int? ParseVersion(Group g) =>
        g.Success && int.TryParse(g.ValueSpan, out var v) && v > 0 ? v : null;

    private static string StripWrappers(string s)
    {
        var url = UrlPrefix().Match(s);
        if (url.Success) s = s[url.Length..];
        if (s.StartsWith("oai:arXiv.org:", StringComparison.OrdinalIgnoreCase)) s = s["oai:arXiv.org:".Length..];
        if (s.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase)) s = s["arxiv:".Length..];
        var cut = s.IndexOfAny(['?', '#']);
        if (cut >= 0) s = s[..cut];
        s = s.TrimEnd('/');
        if (s.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) s = s[..^4];
        return s;
    }

    [GeneratedRegex(@"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format|src)/", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPrefix();

    [GeneratedRegex(@"^(?<yymm>\d{4})\.(?<num>\d{1,5})(?:v(?<v>\d{1,3}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex NewStyle();

    [GeneratedRegex(@"^(?<archive>[a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2})?/(?<num>\d{7})(?:v(?<v>\d{1,3}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex OldStyle();
}
