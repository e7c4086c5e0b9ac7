using System.Text;

namespace PaperSearch.Web.Related;

/// <summary>One entry of a .bib file: its type (lower case), citation key, the line it starts on and its fields
/// (names lower case, values with braces and quotes removed and whitespace collapsed).</summary>
public sealed record BibEntry(string Type, string Key, int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string field] => Fields.TryGetValue(field, out var v) ? v : null;
}

/// <summary>A .bib file that cannot be read; <see cref="Line"/> is where the reader stopped understanding it.</summary>
public sealed class BibTexFormatException(string message, int line) : Exception($"BibTeX line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>
/// Reads BibTeX as exported by Zotero, Mendeley, Overleaf, JabRef and Google Scholar: <c>@type{key, name = {…} | "…" |
/// number | macro # …}</c> with either braces or parentheses around the entry, <c>@string</c> macros and the month
/// abbreviations, <c>@comment</c> and <c>@preamble</c> skipped, and text between entries ignored (BibTeX treats it as a
/// comment). No BibTeX reader is packaged for .NET here, so this is ours; it throws <see cref="BibTexFormatException"/>
/// naming the line for an entry it cannot read, rather than dropping it.
/// </summary>
public static class BibTexReader
{
    /// <summary>Entries read at most: a whole thesis bibliography is a few hundred.</summary>
    public const int MaxEntries = 5_000;

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static IReadOnlyList<BibEntry> Parse(string text)
    {
        var reader = new Cursor(text);
        var macros = Months.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => (x.i + 1).ToString(), StringComparer.OrdinalIgnoreCase);
        var entries = new List<BibEntry>();
        while (reader.SkipTo('@'))
        {
            var at = reader.Line;
            reader.Next();
            reader.SkipSpace();
            var type = reader.Identifier().ToLowerInvariant();
            if (type.Length == 0 || !type.All(char.IsAsciiLetter)) continue; // an @ in running text (an e-mail address between entries)
            reader.SkipSpace();
            if (reader.Peek is not ('{' or '('))
            {
                if (type is "comment") continue; // "@comment text" on one line
                throw new BibTexFormatException($"'@{type}' must be followed by '{{' or '('.", at);
            }
            var close = reader.Next() == '{' ? '}' : ')';
            if (type is "comment" or "preamble")
            {
                reader.SkipGroup(close, at, "@" + type);
                continue;
            }
            if (type == "string")
            {
                foreach (var (name, value) in ReadFields(reader, close, at, "@string", macros)) macros[name] = value;
                continue;
            }
            reader.SkipSpace();
            var key = reader.Until(',', close).Trim();
            if (key.Length == 0 || key.Contains('=') || key.Contains('\n'))
                throw new BibTexFormatException($"the @{type} entry has no citation key (expected '@{type}{{key, title = {{…}}, …}}').", at);
            if (reader.Peek == close) { reader.Next(); entries.Add(new BibEntry(type, key, at, new Dictionary<string, string>())); continue; }
            reader.Next(); // the comma after the key
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in ReadFields(reader, close, at, $"entry '{key}'", macros)) fields.TryAdd(name, value);
            entries.Add(new BibEntry(type, key, at, fields));
            if (entries.Count > MaxEntries)
                throw new BibTexFormatException($"more than {MaxEntries:N0} entries; split the file.", at);
        }
        return entries;
    }

    private static IEnumerable<(string Name, string Value)> ReadFields(Cursor r, char close, int entryLine, string what, Dictionary<string, string> macros)
    {
        while (true)
        {
            r.SkipSpace();
            while (r.Peek == ',') { r.Next(); r.SkipSpace(); }
            if (r.AtEnd) throw new BibTexFormatException($"{what} is not closed: a '{close}' is missing.", entryLine);
            if (r.Peek == close) { r.Next(); yield break; }
            var line = r.Line;
            var name = r.Identifier().ToLowerInvariant();
            if (name.Length == 0 && r.Peek == '@')
                throw new BibTexFormatException($"{what} (from line {entryLine}) is not closed: a '{close}' is missing before the next entry on line {line}.", line);
            if (name.Length == 0) throw new BibTexFormatException($"unexpected '{r.Peek}' in {what}; expected a field name such as title = {{…}}.", line);
            r.SkipSpace();
            if (r.Peek != '=') throw new BibTexFormatException($"expected '=' after '{name}' in {what}.", line);
            r.Next();
            var value = new StringBuilder();
            while (true)
            {
                r.SkipSpace();
                var start = r.Line;
                if (r.Peek == '{') { r.Next(); value.Append(r.Group('}', start, $"the value of '{name}' in {what}")); }
                else if (r.Peek == '"') { r.Next(); value.Append(r.Group('"', start, $"the value of '{name}' in {what}")); }
                else
                {
                    var word = r.Identifier();
                    if (word.Length == 0) throw new BibTexFormatException($"'{name}' in {what} has no value.", start);
                    value.Append(macros.TryGetValue(word, out var m) ? m : word);
                }
                r.SkipSpace();
                if (r.Peek != '#') break;
                r.Next();
            }
            yield return (name, Clean(value.ToString()));
        }
    }

    /// <summary>Braces dropped (they only protect case), whitespace runs collapsed.</summary>
    private static string Clean(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (c is '{' or '}') continue;
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private sealed class Cursor(string text)
    {
        private int _i;
        public int Line { get; private set; } = 1;
        public bool AtEnd => _i >= text.Length;
        public char Peek => _i < text.Length ? text[_i] : '\0';

        public char Next()
        {
            var c = text[_i++];
            if (c == '\n') Line++;
            return c;
        }

        public bool SkipTo(char c)
        {
            while (!AtEnd && Peek != c) Next();
            return !AtEnd;
        }

        public void SkipSpace() { while (!AtEnd && char.IsWhiteSpace(Peek)) Next(); }

        /// <summary>A name, key or bare value: letters, digits and the punctuation BibTeX allows in them.</summary>
        public string Identifier()
        {
            var start = _i;
            while (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek is '_' or '-' or ':' or '.' or '+' or '/' or '\'')) Next();
            return text[start.._i];
        }

        public string Until(char a, char b)
        {
            var start = _i;
            while (!AtEnd && Peek != a && Peek != b) Next();
            return text[start.._i];
        }

        /// <summary>The text up to the closing <paramref name="close"/> at depth 0 (braces nest; the closer is consumed).</summary>
        public string Group(char close, int startLine, string what)
        {
            var sb = new StringBuilder();
            var depth = 0;
            while (true)
            {
                if (AtEnd) throw new BibTexFormatException($"{what} is not closed: a '{close}' is missing.", startLine);
                var c = Next();
                if (c == close && depth == 0) return sb.ToString();
                if (c == '{') depth++;
                else if (c == '}' && --depth < 0)
                    throw new BibTexFormatException($"{what} has a '}}' with no '{{' before it.", startLine);
                sb.Append(c);
            }
        }

        public void SkipGroup(char close, int startLine, string what) => Group(close, startLine, what);
    }
}
