using System.Text;
using PaperSearch.Papers;

namespace PaperSearch.Ranking.Embedding;

/// <summary>The text a paper is embedded from, the same everywhere (index job, related papers, tools).</summary>
public static class EmbeddingText
{
    /// <summary><c>title + ". " + abstract</c>, all whitespace runs (arXiv's hard line breaks) collapsed to one space.</summary>
    public static string ForPaper(string title, string @abstract)
    {
        var t = CollapseWhitespace(title);
        var a = CollapseWhitespace(@abstract);
        if (a.Length == 0) return t;
        if (t.Length == 0) return a;
        // A title that already ends a sentence gets no extra full stop ("Why?. We ..." reads badly to a tokenizer too).
        var separator = t[^1] is '.' or '?' or '!' ? " " : ". ";
        return t + separator + a;
    }

    public static string ForPaper(Paper paper) => ForPaper(paper.Title, paper.Abstract);

    public static string CollapseWhitespace(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = sb.Length > 0; continue; }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
