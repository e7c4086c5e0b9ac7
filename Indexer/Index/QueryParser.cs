using System.Globalization;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// Recursive-descent parser for the search box syntax: words, "phrases", +must, -not (also !not), (groups),
/// AND/&amp;&amp;, OR/||, NOT, field prefixes (ti:/title:, au:/author:, abs:/abstract:, cat:, id:), trailing-* prefixes,
/// fuzzy words (word~, word~1), phrase proximity ("a b"~3) and boosts (word^2). Every input either parses or throws a
/// <see cref="QuerySyntaxException"/> that names the 1-based position and what to change; nothing else escapes.
/// </summary>
internal sealed class QueryParser(string text)
{
    private const int MaxLength = PaperQuery.MaxLength;
    public const int MaxClauses = 64;
    public const int MaxDepth = 8;
    /// <summary>
    /// A prefix expands to every index term it starts, before the time budget can stop anything: measured on 30k
    /// papers, the 26 one-letter prefixes a* … z* cost ~0.9 s more than a plain word, growing with the corpus.
    /// </summary>
    public const int MinPrefixLength = 2;
    /// <summary>Prefix and fuzzy terms together (both expand to many index terms).</summary>
    public const int MaxPrefixTerms = 8;
    public const int MinFuzzyLength = 3;
    /// <summary>Lucene's FuzzyQuery supports at most two edits (Levenshtein automata).</summary>
    public const int MaxEdits = 2;
    public const int MaxSlop = 50;
    public const float MaxBoost = 100f;

    private static readonly Dictionary<string, string> FieldAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ti"] = IndexFields.Title, ["title"] = IndexFields.Title,
        ["au"] = IndexFields.Authors, ["author"] = IndexFields.Authors,
        ["abs"] = IndexFields.Text, ["abstract"] = IndexFields.Text,
        ["cat"] = IndexFields.Category,
        ["id"] = IndexFields.Id,
    };

    private enum Connector { None, And, Or }

    private static readonly System.Buffers.SearchValues<char> OperatorSuffixChars = System.Buffers.SearchValues.Create("~^0123456789.");

    private int _pos;
    private int _clauses;
    private int _expanding;

    public static IReadOnlyList<QueryNode> Parse(string text)
    {
        if (text.Length > MaxLength)
            throw new QuerySyntaxException(string.Create(CultureInfo.InvariantCulture,
                $"The query is {text.Length:N0} characters long; the limit is {MaxLength:N0}. Shorten it to its key words.")) { OverLimits = true };
        return new QueryParser(text).ParseSequence(depth: 0, field: null, openedAt: 0);
    }

    private List<QueryNode> ParseSequence(int depth, string? field, int openedAt)
    {
        var nodes = new List<QueryNode>();
        var connector = Connector.None;
        var connectorAt = 0;
        int? notAt = null;
        while (true)
        {
            SkipSpace();
            var atEnd = _pos >= text.Length;
            if (atEnd || text[_pos] == ')')
            {
                // A '(' still open at the end closes there, as a reader who stops typing (or pastes a cut sentence)
                // means; only a ')' that closes nothing is an error.
                if (!atEnd && depth == 0) throw Error($"The ')' at position {_pos + 1} has no matching '('.", _pos + 1);
                if (notAt is { } n) throw Error($"NOT at position {n} has nothing after it: add a word, or remove the NOT.", n);
                if (connector != Connector.None)
                    throw Error($"{Name(connector)} at position {connectorAt} has nothing after it: add a word, or remove the {Name(connector)}.", connectorAt);
                if (!atEnd) _pos++;
                return nodes;
            }

            var start = _pos;
            if (TryKeyword(out var keyword))
            {
                var at = start + 1;
                if (keyword == "NOT")
                {
                    if (notAt is not null) throw Error($"NOT at position {at} follows another NOT; write it once.", at);
                    notAt = at;
                    continue;
                }
                var next = keyword is "AND" or "&&" ? Connector.And : Connector.Or;
                if (nodes.Count == 0 || connector != Connector.None || notAt is not null)
                    throw Error($"{keyword} at position {at} has nothing before it to join: put a word on both sides (e.g. graph {keyword} neural).", at);
                nodes[^1] = next == Connector.And
                    ? nodes[^1] with { Occur = nodes[^1].Occur == ClauseOccur.Should ? ClauseOccur.Must : nodes[^1].Occur }
                    : nodes[^1] with { Alternative = true };
                (connector, connectorAt) = (next, at);
                continue;
            }

            var occur = ClauseOccur.Should;
            if (text[_pos] is '+' or '-' or '!')
            {
                var op = text[_pos];
                // "C++ - templates", "Reasoning -- a survey": a run of signs standing alone is punctuation, not an operator.
                var run = _pos;
                while (run < text.Length && text[run] is '+' or '-' or '!') run++;
                if (run >= text.Length || char.IsWhiteSpace(text[run])) { _pos = run; continue; }
                if (text[_pos + 1] == ')')
                    throw Error($"'{op}' at position {_pos + 1} needs a word right after it (e.g. {op}graph).", _pos + 1);
                if (text[_pos + 1] is '+' or '-' or '!')
                    throw Error($"'{op}' at position {_pos + 1} is followed by another operator '{text[_pos + 1]}'; keep one.", _pos + 1);
                occur = op == '+' ? ClauseOccur.Must : ClauseOccur.MustNot;
                _pos++;
            }
            if (notAt is not null) (occur, notAt) = (ClauseOccur.MustNot, null);
            else if (connector == Connector.And && occur == ClauseOccur.Should) occur = ClauseOccur.Must;

            var fieldAt = _pos + 1;
            var ownField = ReadFieldPrefix();
            if (ownField is not null && (_pos >= text.Length || char.IsWhiteSpace(text[_pos]) || text[_pos] == ')'))
                throw Error($"The field prefix at position {fieldAt} needs a value right after the ':' (e.g. ti:transformer).", fieldAt);
            var nodeField = ownField ?? field;

            QueryNode? node = text[_pos] switch
            {
                '(' => ParseGroup(occur, nodeField, start + 1, depth),
                '"' => ParsePhrase(occur, nodeField, start + 1),
                _ => ParseWord(occur, nodeField, start + 1),
            };
            if (node is null) continue;
            if (connector == Connector.Or) node = node with { Alternative = true };
            connector = Connector.None;
            if (node is not GroupNode && ++_clauses > MaxClauses)
                throw new QuerySyntaxException($"The query has more than {MaxClauses} terms; keep the most telling ones.", start + 1) { OverLimits = true };
            nodes.Add(node);
        }
    }

    private GroupNode ParseGroup(ClauseOccur occur, string? field, int position, int depth)
    {
        if (depth + 1 > MaxDepth) throw Error($"Parentheses nest deeper than {MaxDepth} levels at position {_pos + 1}.", _pos + 1);
        var open = ++_pos;
        var group = new GroupNode(occur, field, position, ParseSequence(depth + 1, field, open));
        var (_, boost) = ReadSuffix(allowTilde: false, "a group");
        return group with { Boost = boost };
    }

    private PhraseNode ParsePhrase(ClauseOccur occur, string? field, int position)
    {
        // A quote never closed runs to the end of the text: "graph \"neural net" is the phrase "neural net".
        var close = text.IndexOf('"', _pos + 1);
        var phrase = close < 0 ? text[(_pos + 1)..] : text[(_pos + 1)..close];
        _pos = close < 0 ? text.Length : close + 1;
        var (slop, boost) = ReadSuffix(allowTilde: true, "\"…\"");
        if (slop is > MaxSlop) throw Error($"The proximity ~{slop} after the phrase at position {position} is too large; use at most ~{MaxSlop}.", position);
        if (slop is not null && field is IndexFields.Id or IndexFields.Category)
            throw Error($"'~' at position {position} does not apply to id: or cat: values; remove it.", position);
        return new PhraseNode(occur, field, position, phrase, slop ?? 0) { Boost = boost };
    }

    private WordNode? ParseWord(ClauseOccur occur, string? field, int position)
    {
        var wordStart = _pos;
        while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && text[_pos] is not ('(' or ')' or '"')) _pos++;
        var word = text[wordStart.._pos];
        var (core, fuzzy, boost) = SplitSuffix(word, wordStart);
        // A question mark at the end is punctuation ("what is attention?"), not a one-letter wildcard.
        core = core.TrimEnd('?');
        if (core.Length == 0) return new WordNode(occur, field, position, "", Prefix: false) { Boost = boost };
        if (core[0] is '*' or '?')
            throw Error($"'{word}' at position {wordStart + 1} starts with a wildcard; wildcards are only allowed at the end of a word (e.g. transform*).", wordStart + 1);
        var prefix = core[^1] == '*';
        var stem = core.TrimEnd('*');
        // A '*' or '?' inside a word is text, as in real titles ("Q*-learning", "Why?Because"): the analyser splits there.
        if (stem.AsSpan().IndexOfAny('*', '?') >= 0) return new WordNode(occur, field, position, core, Prefix: false) { Boost = boost };
        if (prefix && fuzzy is not null)
            throw Error($"'{word}' at position {wordStart + 1} is both a prefix* and fuzzy~; use one of them.", wordStart + 1);
        if (prefix) CheckExpanding(stem, MinPrefixLength, "prefix", "'*'", wordStart);
        if (fuzzy is not null)
        {
            if (field is IndexFields.Id or IndexFields.Category)
                throw Error($"'~' at position {wordStart + 1} does not apply to id: or cat: values; remove it.", wordStart + 1);
            if (fuzzy > MaxEdits) throw Error($"'{word}' at position {wordStart + 1} asks for {fuzzy} edits; fuzzy search allows ~1 or ~2.", wordStart + 1);
            CheckExpanding(stem, MinFuzzyLength, "fuzzy word", "'~'", wordStart);
        }
        return new WordNode(occur, field, position, stem, prefix, fuzzy) { Boost = boost };
    }

    /// <summary>
    /// Splits <c>word~N^B</c> into the word, the fuzzy edits (<c>~</c> alone: 2) and the boost. A suffix made only of
    /// <c>~ ^</c>, digits and dots is an operator, parsed strictly (a bad one is an error, never a word); any other
    /// character after the sign makes it text, as pasted TeX is (<c>e^{2}</c>, <c>\frac{e^2}{2h}</c>, <c>~50%</c>).
    /// </summary>
    private (string Core, int? Fuzzy, float? Boost) SplitSuffix(string word, int wordStart)
    {
        var cut = word.AsSpan().IndexOfAny('~', '^');
        if (cut < 0) return (word, null, null);
        if (word.AsSpan(cut).ContainsAnyExcept(OperatorSuffixChars)) return (word, null, null);
        if (cut == 0)
            throw Error($"'{word[0]}' at position {wordStart + 1} needs a word before it (e.g. graph{word[0]}{(word[0] == '~' ? "1" : "2")}).", wordStart + 1);
        var saved = _pos;
        _pos = wordStart + cut;
        var (fuzzy, boost) = ReadSuffix(allowTilde: true, word[..cut], defaultTilde: MaxEdits, end: wordStart + word.Length);
        if (_pos != wordStart + word.Length)
            throw Error($"'{word}' at position {wordStart + 1} has a malformed suffix: after the word, write ~N (fuzzy, N = 1 or 2) and/or ^N (boost), e.g. graph~1 or graph^2.", wordStart + 1);
        _pos = saved;
        return (word[..cut], fuzzy, boost);
    }

    /// <summary>Reads an optional <c>~N</c> then an optional <c>^N</c> at the current position.</summary>
    private (int? Tilde, float? Boost) ReadSuffix(bool allowTilde, string what, int? defaultTilde = null, int? end = null)
    {
        var limit = end ?? text.Length;
        int? tilde = null;
        float? boost = null;
        if (_pos < limit && text[_pos] == '~')
        {
            var at = _pos + 1;
            if (!allowTilde) throw Error($"'~' at position {at} cannot follow {what}; it applies to a word (graph~1) or a phrase (\"a b\"~3).", at);
            _pos++;
            var digits = ReadNumber(limit, allowFraction: false);
            if (digits.Length == 0)
                tilde = defaultTilde ?? throw Error($"'~' at position {at} needs a number after a phrase: how many words apart, e.g. \"graph network\"~3.", at);
            else if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw Error($"'~{digits}' at position {at} is too large a number.", at);
            else tilde = n;
        }
        if (_pos < limit && text[_pos] == '^')
        {
            var at = _pos + 1;
            _pos++;
            var digits = ReadNumber(limit, allowFraction: true);
            if (!float.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var b) || !(b > 0) || b > MaxBoost)
                throw Error($"'^' at position {at} needs a boost from 0.1 to {MaxBoost:0} right after it, e.g. graph^2.", at);
            boost = b;
        }
        return (tilde, boost);
    }

    private string ReadNumber(int limit, bool allowFraction)
    {
        var start = _pos;
        while (_pos < limit && (char.IsAsciiDigit(text[_pos]) || allowFraction && text[_pos] == '.')) _pos++;
        return text[start.._pos];
    }

    private void CheckExpanding(string stem, int minLength, string kind, string sign, int wordStart)
    {
        if (stem.Length < minLength)
            throw Error($"'{text.Substring(wordStart, Math.Min(40, text.Length - wordStart)).Split(' ')[0]}' at position {wordStart + 1} is too short a {kind}: give at least {minLength} letters before the {sign}, or search the whole word.", wordStart + 1);
        if (++_expanding > MaxPrefixTerms)
            throw Error($"The query has more than {MaxPrefixTerms} prefix* and fuzzy~ terms; write some of them out as whole words.", wordStart + 1);
    }

    /// <summary>AND, OR, NOT, &amp;&amp;, || as whole words (a lowercase "and" is a stop word, not an operator).</summary>
    private bool TryKeyword(out string keyword)
    {
        keyword = "";
        var end = _pos;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('(' or ')' or '"')) end++;
        var word = text[_pos..end];
        if (word is not ("AND" or "OR" or "NOT" or "&&" or "||")) return false;
        keyword = word;
        _pos = end;
        return true;
    }

    private string? ReadFieldPrefix()
    {
        var colon = text.IndexOf(':', _pos);
        if (colon <= _pos || colon - _pos > 8) return null;
        if (!FieldAliases.TryGetValue(text[_pos..colon], out var field)) return null;
        _pos = colon + 1;
        return field;
    }

    private static string Name(Connector c) => c == Connector.And ? "AND" : "OR";

    private static QuerySyntaxException Error(string message, int position = 0) => new(message, position);

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
    }
}
