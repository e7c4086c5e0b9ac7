using System.Text.RegularExpressions;

namespace PaperSearch.Web.Related;

/// <summary>
/// A LaTeX source as the words a reader sees, for matching and embedding: comments, the preamble, the bibliography,
/// citations, labels, references, environment markers and command names go; the arguments of text commands
/// (<c>\section{Related work}</c>, <c>\emph{x}</c>) and plain text stay; math is kept as it is (its words are few and its
/// symbols are dropped by the analyser). Plain text passes through unchanged.
/// </summary>
public static partial class LatexText
{
    /// <summary>True when the text is a LaTeX source rather than prose that mentions a command.</summary>
    public static bool LooksLikeLatex(string text) =>
        text.Contains(@"\documentclass", StringComparison.Ordinal) || text.Contains(@"\begin{", StringComparison.Ordinal)
        || SectionCommand().IsMatch(text);

    public static string ToPlain(string text)
    {
        if (!LooksLikeLatex(text)) return text;
        var s = Comment().Replace(text, "");
        var begin = s.IndexOf(@"\begin{document}", StringComparison.Ordinal);
        if (begin >= 0) s = s[(begin + @"\begin{document}".Length)..];
        foreach (var end in new[] { @"\begin{thebibliography}", @"\bibliography{", @"\printbibliography", @"\end{document}" })
            if (s.IndexOf(end, StringComparison.Ordinal) is var i and >= 0) s = s[..i];
        s = DroppedCommand().Replace(s, " ");
        s = Environment().Replace(s, " ");
        s = CommandName().Replace(s, " ");
        s = s.Replace("{", "").Replace("}", "").Replace("~", " ");
        return Whitespace().Replace(s, " ").Trim();
    }

    [GeneratedRegex(@"\\(section|subsection|chapter|paragraph)\*?\{")]
    private static partial Regex SectionCommand();

    /// <summary>% to the end of the line, unless escaped (\%).</summary>
    [GeneratedRegex(@"(?<!\\)%[^\n]*")]
    private static partial Regex Comment();

    /// <summary>Commands whose argument is a key or a path, not prose.</summary>
    [GeneratedRegex(@"\\(cite[a-zA-Z]*|ref|eqref|autoref|cref|Cref|label|url|includegraphics|input|include|bibliographystyle|usepackage|vspace|hspace)\*?(\[[^\]]*\])*\{[^}]*\}")]
    private static partial Regex DroppedCommand();

    [GeneratedRegex(@"\\(begin|end)\{[^}]*\}(\[[^\]]*\])?")]
    private static partial Regex Environment();

    /// <summary>A command's name and optional argument; its braced argument's text stays.</summary>
    [GeneratedRegex(@"\\[a-zA-Z@]+\*?(\[[^\]]*\])?")]
    private static partial Regex CommandName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
