namespace PaperSearch.Web.Tests.Exports;

/// <summary>
/// Reads BibTeX the way BibTeX's own scanner does, which is what makes it a check of the writer: a brace-delimited
/// value ends at the first <c>}</c> that brings the count back to 0, and a backslash before a brace changes nothing.
/// Stricter than BibTeX in one way: only whitespace may stand between entries, so text that escaped a field shows up.
/// </summary>
internal static class BibTexReader
{
    public sealed record Entry(string Type, string Key, IReadOnlyDictionary<string, string> Fields);

    public static IReadOnlyList<Entry> Read(string text)
    {
        var reader = new Scanner(text);
        var entries = new List<Entry>();
        while (reader.SkipWhitespace()) entries.Add(reader.Entry());
        return entries;
    }

    private sealed class Scanner(string text)
    {
        private int _pos;

        public bool SkipWhitespace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
            return _pos < text.Length;
        }

        public Entry Entry()
        {
            Expect('@');
            var type = Name();
            SkipWhitespace();
            Expect('{');
            var keyEnd = text.IndexOf(',', _pos);
            if (keyEnd < 0) throw Error("an entry key ended by ','");
            var key = text[_pos..keyEnd].Trim();
            _pos = keyEnd + 1;
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipWhitespace();
                if (TryTake('}')) return new Entry(type, key, fields);
                var name = Name();
                SkipWhitespace();
                Expect('=');
                SkipWhitespace();
                if (!fields.TryAdd(name, Value())) throw Error($"one field '{name}', not two");
                SkipWhitespace();
                if (TryTake(',')) continue;
                Expect('}');
                return new Entry(type, key, fields);
            }
        }

        private string Value()
        {
            // A bare number, or a bare macro such as the month names (month = sep).
            if (_pos < text.Length && char.IsLetterOrDigit(text[_pos])) return Name();
            Expect('{');
            var start = _pos;
            for (var depth = 1; _pos < text.Length; _pos++)
            {
                if (text[_pos] == '{') depth++;
                else if (text[_pos] == '}' && --depth == 0) return text[start.._pos++];
            }
            throw Error("a value closed by '}'");
        }

        private string Name()
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '_' or '-' or ':' or '.')) _pos++;
            return _pos > start ? text[start.._pos] : throw Error("a name");
        }

        private bool TryTake(char ch)
        {
            if (_pos >= text.Length || text[_pos] != ch) return false;
            _pos++;
            return true;
        }

        private void Expect(char ch)
        {
            if (!TryTake(ch)) throw Error($"'{ch}'");
        }

        private FormatException Error(string expected) =>
            new($"BibTeX: expected {expected} at {_pos}: «{text[Math.Max(0, _pos - 30).._pos]}⟨here⟩{text[_pos..Math.Min(text.Length, _pos + 30)]}»");
    }
}
