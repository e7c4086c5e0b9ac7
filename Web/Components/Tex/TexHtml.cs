using System.Text;
using Microsoft.AspNetCore.Components;
using PaperSearch.Tex;

namespace PaperSearch.Web.Components.Tex;

/// <summary>
/// A title, abstract or comment as HTML: every formula (<see cref="TexMath"/>) in a <c>&lt;span class="tex-math"&gt;</c> of
/// its own, left as TeX for KaTeX in the browser (<c>site.js</c>), and the text-mode TeX around the formulas, which KaTeX
/// does not touch, turned into HTML: <c>\textbf{…}</c>, <c>\emph{…}</c>, <c>\texttt{…}</c>, <c>{\bf …}</c>, <c>\url{…}</c>,
/// escapes, quotes, dashes, accents, Greek letters. Unknown commands stay as their source. All text is HTML-encoded, and the
/// only tags written are the ones below; a search highlight (<see cref="MarkedText"/>) comes through as &lt;mark&gt; and
/// never cuts a formula or a tag.
/// </summary>
public static class TexHtml
{
    /// <summary>Plain stored text (a paper's title, abstract, comments).</summary>
    public static MarkupString Text(string? text) => new(Render(MarkedText.Plain(text ?? "")));

    /// <summary>The search highlight when there is one, else the plain text.</summary>
    public static MarkupString Of(string? highlightHtml, string text) =>
        highlightHtml is null ? Text(text) : new(Render(MarkedText.Parse(highlightHtml)));

    internal static string Render(MarkedText source) =>
        source.Text.Length == 0 ? "" : new Writer(source).Run();

    // \textbf{…} and friends: the HTML element their argument goes in.
    private static readonly Dictionary<string, string> TextCommands = new(StringComparer.Ordinal)
    {
        ["textbf"] = "b", ["textit"] = "i", ["textsl"] = "i", ["emph"] = "em", ["texttt"] = "code", ["underline"] = "u",
        ["textsc"] = "span class=\"tex-sc\"", ["textsf"] = "span class=\"tex-sf\"", ["textrm"] = "span", ["textnormal"] = "span",
        ["textup"] = "span", ["textmd"] = "span", ["text"] = "span", ["mbox"] = "span",
        ["textsuperscript"] = "sup", ["textsubscript"] = "sub",
    };

    // {\bf …}: the rest of the group.
    private static readonly Dictionary<string, string> Declarations = new(StringComparer.Ordinal)
    {
        ["bf"] = "b", ["bfseries"] = "b", ["it"] = "i", ["itshape"] = "i", ["sl"] = "i", ["em"] = "em", ["tt"] = "code",
        ["ttfamily"] = "code", ["sc"] = "span class=\"tex-sc\"", ["scshape"] = "span class=\"tex-sc\"", ["sf"] = "span class=\"tex-sf\"",
        ["rm"] = "span",
    };

    // arXiv's metadata writes Greek outside math as {\alpha}; also the degree sign some abstracts use.
    private static readonly Dictionary<string, string> Letters = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ϵ", ["varepsilon"] = "ε", ["zeta"] = "ζ",
        ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "ϑ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν",
        ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "ϕ", ["varphi"] = "φ",
        ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ",
        ["Pi"] = "Π", ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω", ["deg"] = "°", ["ldots"] = "…", ["dots"] = "…",
        ["textendash"] = "–", ["textemdash"] = "—", ["AA"] = "Å", ["ss"] = "ß", ["o"] = "ø", ["O"] = "Ø", ["ae"] = "æ",
    };

    // \'e \"{o} \`a \^o \~n: the combining mark, composed with its letter.
    private static readonly Dictionary<char, char> Accents = new()
    {
        ['\''] = '\u0301', ['"'] = '\u0308', ['`'] = '\u0300', ['^'] = '\u0302', ['~'] = '\u0303', ['='] = '\u0304', ['.'] = '\u0307',
    };

    // \c{c} \v{s} \u{a} \H{o} \k{a} \r{a}: only with one letter in braces (\r{ho} is a typo for \rho, not a ring).
    private static readonly Dictionary<string, char> LetterAccents = new(StringComparer.Ordinal)
    {
        ["c"] = '\u0327', ["v"] = '\u030C', ["u"] = '\u0306', ["H"] = '\u030B', ["k"] = '\u0328', ["r"] = '\u030A',
    };

    private const string Escapable = "%&#_{}$";

    private sealed class Writer(MarkedText source)
    {
        private readonly string _s = source.Text;
        private readonly Dictionary<int, MathSpan> _math = TexMath.Spans(source.Text).ToDictionary(m => m.Start);
        private readonly StringBuilder _sb = new(source.Text.Length + 32);
        private bool _markOpen;

        public string Run()
        {
            Span(0, _s.Length);
            Mark(false);
            return _sb.ToString();
        }

        private void Span(int from, int to)
        {
            for (var i = from; i < to;) i = Next(i, to);
        }

        /// <summary>Writes what starts at <paramref name="i"/>; returns where the next thing starts.</summary>
        private int Next(int i, int to)
        {
            if (_math.TryGetValue(i, out var m)) return Math(m);
            var c = _s[i];
            switch (c)
            {
                case '\\': return Command(i, to);
                case '{':
                    var close = Close(i, to);
                    if (close < 0) return Char('{', i);
                    Span(i + 1, close); // a bare group only protects case ({GPT}, {\alpha}): its braces are not text
                    return close + 1;
                case '~': return Char('\u00A0', i);
                case '-' when At(i, "---"): return Str("—", i, 3);
                case '-' when At(i, "--"): return Str("–", i, 2);
                case '`' when At(i, "``"): return Str("“", i, 2);
                case '\'' when At(i, "''"): return Str("”", i, 2);
                default: return Char(c, i);
            }
        }

        private int Math(MathSpan m)
        {
            var marked = false;
            for (var k = m.Start; k < m.End; k++) marked |= source.Marked[k];
            Mark(marked);
            _sb.Append("<span class=\"tex-math\">");
            for (var k = m.Start; k < m.End; k++) MarkedText.AppendEncoded(_sb, _s[k]);
            _sb.Append("</span>");
            return m.End;
        }

        private int Command(int i, int to)
        {
            if (i + 1 >= to) return Char('\\', i);
            var c = _s[i + 1];
            if (!char.IsAsciiLetter(c))
            {
                if (Escapable.Contains(c)) return Char(c, i, 2);
                if (c is '\\' or ' ' or '\n') return Char(' ', i, 2);
                if (c == ',') return Char('\u2009', i, 2);
                if (Accents.TryGetValue(c, out var accent)) return Accent(i, i + 2, accent, to);
                return Str("\\" + c, i, 2);
            }
            var end = i + 1;
            while (end < to && char.IsAsciiLetter(_s[end])) end++;
            var name = _s[(i + 1)..end];
            var arg = SkipSpaces(end, to);
            var argClose = arg < to && _s[arg] == '{' ? Close(arg, to) : -1;
            if (argClose >= 0 && TextCommands.TryGetValue(name, out var tag))
            {
                Element(tag, arg + 1, argClose);
                return argClose + 1;
            }
            if (argClose >= 0 && name == "url")
            {
                for (var k = arg + 1; k < argClose; k++) Char(_s[k], k);
                return argClose + 1;
            }
            if (argClose >= 0 && name == "href")
            {
                var text = SkipSpaces(argClose + 1, to);
                var textClose = text < to && _s[text] == '{' ? Close(text, to) : -1;
                if (textClose < 0) return Str(_s[i..(argClose + 1)], i, argClose + 1 - i);
                Span(text + 1, textClose);
                return textClose + 1;
            }
            if (Declarations.TryGetValue(name, out tag))
            {
                Element(tag, arg, to);
                return to;
            }
            if (argClose == arg + 2 && LetterAccents.TryGetValue(name, out var letterAccent)) return Accent(i, arg, letterAccent, to);
            if (Letters.TryGetValue(name, out var letter)) return Str(letter, i, end - i);
            // Unknown (\cite{…}, \method): its source, braces and all, so nothing reads as "\textttComplex-Edit".
            Str(_s[i..end], i, end - i);
            if (argClose < 0) return end;
            Str(_s[end..(arg + 1)], end, arg + 1 - end);
            Span(arg + 1, argClose);
            return Char('}', argClose);
        }

        private int Accent(int i, int at, char accent, int to)
        {
            var close = at < to && _s[at] == '{' ? Close(at, to) : -1;
            var (letterAt, next) = close >= 0 ? (at + 1, close + 1) : (at, at + 1);
            if (letterAt >= to || !char.IsLetter(_s[letterAt]) || (close >= 0 && close != letterAt + 1)) return Str(_s[i..at], i, at - i);
            Mark(source.Marked[letterAt]);
            _sb.Append(string.Concat(_s[letterAt], accent).Normalize(NormalizationForm.FormC));
            return next;
        }

        private void Element(string tag, int from, int to)
        {
            Mark(false);
            _sb.Append('<').Append(tag).Append('>');
            Span(from, to);
            Mark(false);
            var space = tag.IndexOf(' ');
            _sb.Append("</").Append(space < 0 ? tag : tag[..space]).Append('>');
        }

        /// <summary>The brace closing the group opened at <paramref name="open"/>, skipping escapes and formulas; -1 if none.</summary>
        private int Close(int open, int to)
        {
            var depth = 0;
            for (var k = open; k < to; k++)
            {
                if (_math.TryGetValue(k, out var m)) { k = m.End - 1; continue; }
                switch (_s[k])
                {
                    case '\\': k++; break;
                    case '{': depth++; break;
                    case '}' when --depth == 0: return k;
                }
            }
            return -1;
        }

        private int SkipSpaces(int k, int to)
        {
            while (k < to && _s[k] == ' ') k++;
            return k;
        }

        private bool At(int i, string what) => string.CompareOrdinal(_s, i, what, 0, what.Length) == 0;

        /// <summary>Writes <paramref name="c"/> for the source characters from <paramref name="i"/>, highlighted as the first is.</summary>
        private int Char(char c, int i, int width = 1)
        {
            Mark(source.Marked[i]);
            MarkedText.AppendEncoded(_sb, c);
            return i + width;
        }

        private int Str(string text, int i, int width)
        {
            Mark(source.Marked[i]);
            foreach (var c in text) MarkedText.AppendEncoded(_sb, c);
            return i + width;
        }

        private void Mark(bool on)
        {
            if (on == _markOpen) return;
            _sb.Append(on ? "<mark>" : "</mark>");
            _markOpen = on;
        }
    }
}
