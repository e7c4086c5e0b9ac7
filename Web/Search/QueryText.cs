using System.Text;

namespace PaperSearch.Web.Search;

/// <summary>What of a user query an embedding model should see: the words, without operators, field prefixes or excluded terms.</summary>
public static class QueryText
{
    private static readonly string[] FieldPrefixes = ["ti:", "au:", "abs:", "cat:", "id:"];

    public static string ForEmbedding(string query)
    {
        var sb = new StringBuilder(query.Length);
        foreach (var raw in Tokens(query))
        {
            if (raw.StartsWith('-')) continue;             // excluded: must not pull the vector toward it
            var t = raw.TrimStart('+');
            var prefix = FieldPrefixes.FirstOrDefault(p => t.StartsWith(p, StringComparison.OrdinalIgnoreCase));
            if (prefix is "cat:" or "id:") continue;        // filters, not meaning
            if (prefix is not null) t = t[prefix.Length..];
            t = t.Trim('"', '(', ')');
            if (t.Length == 0 || t is "AND" or "OR" or "NOT") continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(t);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A natural-language text (a claim, an abstract) as a plain bag-of-words query: letters and digits only,
    /// lower-cased so no word is read as an operator. Used by <c>eval</c> and <c>tune</c>.
    /// </summary>
    public static string Plain(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text) sb.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ');
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>True when the text contains CJK ideographs (or kana/hangul), which the English embedding models cannot read.</summary>
    public static bool HasCjk(string text)
    {
        foreach (var ch in text)
            if (ch is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uac00' and <= '\ud7af' or >= '\uf900' and <= '\ufaff')
                return true;
        return false;
    }

    /// <summary>Whitespace-separated tokens, keeping "quoted phrases" (and a prefix before them) as one token.</summary>
    private static IEnumerable<string> Tokens(string query)
    {
        var sb = new StringBuilder();
        var inQuote = false;
        foreach (var ch in query)
        {
            if (ch == '"') inQuote = !inQuote;
            if (char.IsWhiteSpace(ch) && !inQuote)
            {
                if (sb.Length > 0) { yield return sb.ToString(); sb.Clear(); }
                continue;
            }
            sb.Append(ch);
        }
        if (sb.Length > 0) yield return sb.ToString();
    }
}
