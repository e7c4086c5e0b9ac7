namespace PaperSearch.Indexer.Sources;

/// <summary>Author names as "First Last", whichever way a format writes them.</summary>
internal static class AuthorNames
{
    /// <summary>Kaggle's <c>authors_parsed</c> triple [last, first, suffix] → "First Last Suffix".</summary>
    public static string? FromParts(string? last, string? first, string? suffix)
    {
        var name = SourceText.Clean(string.Join(' ', new[] { first, last, suffix }.Where(p => !string.IsNullOrWhiteSpace(p))));
        return name is null ? null : TexAccents.Decode(name);
    }

    /// <summary>Dublin Core's "Last, First" → "First Last" (a name without a comma is kept as it is).</summary>
    public static string? FromLastCommaFirst(string? text)
    {
        var clean = SourceText.Clean(text);
        if (clean is null) return null;
        var comma = clean.IndexOf(',');
        return comma < 0 ? TexAccents.Decode(clean) : FromParts(clean[..comma], clean[(comma + 1)..], null);
    }

    /// <summary>
    /// Splits arXiv's free-text author list ("A. Smith, B. Jones and C. Wu (MIT)") into names: commas and "and"
    /// separate authors outside parentheses, parenthesised affiliations are dropped, TeX accents decoded.
    /// </summary>
    public static IReadOnlyList<string> SplitList(string? text)
    {
        var clean = SourceText.Clean(text);
        if (clean is null) return [];
        var names = new List<string>();
        var depth = 0;
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < clean.Length; i++)
        {
            var ch = clean[i];
            if (ch == '(') { depth++; continue; }
            if (ch == ')') { if (depth > 0) depth--; continue; }
            if (depth > 0) continue;
            if (ch == ',' || ch == ';') { Flush(); continue; }
            if (ch == ' ' && IsAndAt(clean, i)) { Flush(); i += 4; continue; }
            current.Append(ch);
        }
        Flush();
        return names;

        void Flush()
        {
            var name = SourceText.Clean(current.ToString());
            current.Clear();
            if (name is null || name.Equals("and", StringComparison.OrdinalIgnoreCase)) return;
            if (name.StartsWith("and ", StringComparison.OrdinalIgnoreCase)) name = name[4..].Trim(); // ", and C. Wu"
            if (name.EndsWith(" et al", StringComparison.OrdinalIgnoreCase) || name.EndsWith(" et al.", StringComparison.OrdinalIgnoreCase))
                name = name[..name.LastIndexOf(" et al", StringComparison.OrdinalIgnoreCase)].Trim(); // "A. Smith et al."
            if (name.Length > 0 && !IsEtAl(name)) names.Add(TexAccents.Decode(name));
        }
    }

    /// <summary>"et al", "et al." or "et. al." stand for the authors not listed; they are not a name.</summary>
    private static bool IsEtAl(string name) =>
        name.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Equals("etal", StringComparison.OrdinalIgnoreCase);

    private static bool IsAndAt(string s, int spaceIndex) =>
        spaceIndex + 5 <= s.Length && string.CompareOrdinal(s, spaceIndex, " and ", 0, 5) == 0;
}
