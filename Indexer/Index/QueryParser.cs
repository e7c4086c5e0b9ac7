namespace PaperSearch.Indexer.Index;

/// <summary>
/// Recursive-descent parser for the search box syntax: words, "phrases", +must, -not, (groups),
/// AND / OR / NOT, field prefixes (ti: au: abs: cat: id:) and trailing-* prefixes.
/// Every error names what is wrong and its 1-based position.
/// </summary>
internal sealed class QueryParser(string text)
{
    public const int MaxLength = 1000;
    public const int MaxClauses = 64;
    public const int MaxDepth = 8;
    /// <summary>
    /// A prefix expands to every index term it starts, before the time budget can stop anything: measured on 30k
    /// papers, the 26 one-letter prefixes a* … z* cost ~0.9 s more than a plain word, growing with the corpus.
    /// </summary>
    public const int MinPrefixLength = 2;
    public const int MaxPrefixTerms = 8;

    private static readonly Dictionary<string, string> FieldAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ti"] = IndexFields.Title, ["title"] = IndexFields.Title,
        ["au"] = IndexFields.Authors, ["author"] = IndexFields.Authors,
        ["abs"] = IndexFields.Text, ["abstract"] = IndexFields.Text,
        ["cat"] = IndexFields.Category,
        ["id"] = IndexFields.Id,
    };

    private int _pos;
    private int _clauses;
    private int _prefixes;

    public static IReadOnlyList<QueryNode> Parse(string text)
    {
        if (text.Length > MaxLength)
            throw new QuerySyntaxException($"The query is {text.Length} characters long; the limit is {MaxLength}. Shorten it to its key words.");
        return new QueryParser(text).ParseSequence(depth: 0, field: null, openedAt: 0);
    }

    private List<QueryNode> ParseSequence(int depth, string? field, int openedAt)
    {
        var nodes = new List<QueryNode>();
        var pendingOccur = (ClauseOccur?)null;
        var andPending = false;
        while (true)
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                if (depth > 0) throw new QuerySyntaxException($"The '(' at position {openedAt} is never closed: add a ')'.", openedAt);
                if (pendingOccur == ClauseOccur.MustNot || andPending)
                    throw new QuerySyntaxException("The query ends with an operator (NOT/AND/-/+) that has nothing after it.", text.Length);
                return nodes;
            }
            var c = text[_pos];
            if (c == ')')
            {
                if (depth == 0) throw new QuerySyntaxException($"The ')' at position {_pos + 1} has no matching '('.", _pos + 1);
                _pos++;
                return nodes;
            }

            var start = _pos;
            var occur = pendingOccur ?? ClauseOccur.Should;
            pendingOccur = null;
            if (c is '+' or '-' && _pos + 1 < text.Length && !char.IsWhiteSpace(text[_pos + 1]))
            {
                occur = c == '+' ? ClauseOccur.Must : ClauseOccur.MustNot;
                _pos++;
            }
            else if (c is '+' or '-') { _pos++; continue; } // a lone operator between spaces means nothing

            var nodeField = ReadFieldPrefix() ?? field;
            if (nodeField is not null && (_pos >= text.Length || char.IsWhiteSpace(text[_pos])))
                throw new QuerySyntaxException($"The field prefix at position {start + 1} needs a value right after the ':' (e.g. ti:transformer).", start + 1);

            QueryNode node;
            if (text[_pos] == '(')
            {
                if (depth + 1 > MaxDepth) throw new QuerySyntaxException($"Parentheses nest deeper than {MaxDepth} levels at position {_pos + 1}.", _pos + 1);
                var open = ++_pos;
                node = new GroupNode(occur, nodeField, start + 1, ParseSequence(depth + 1, nodeField, open));
            }
            else if (text[_pos] == '"')
            {
                var close = text.IndexOf('"', _pos + 1);
                if (close < 0) throw new QuerySyntaxException($"The quote at position {_pos + 1} is never closed: add a closing '\"'.", _pos + 1);
                node = new PhraseNode(occur, nodeField, start + 1, text[(_pos + 1)..close]);
                _pos = close + 1;
            }
            else
            {
                var wordStart = _pos;
                while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && text[_pos] is not ('(' or ')' or '"')) _pos++;
                var word = text[wordStart.._pos];
                if (nodeField is null && start == wordStart && word is "AND" or "OR" or "NOT")
                {
                    if (word == "NOT") pendingOccur = ClauseOccur.MustNot; // also "AND NOT x"
                    else if (word == "AND")
                    {
                        if (nodes.Count == 0) throw new QuerySyntaxException($"AND at position {start + 1} has nothing before it.", start + 1);
                        if (nodes[^1].Occur == ClauseOccur.Should) nodes[^1] = nodes[^1] with { Occur = ClauseOccur.Must };
                        pendingOccur = ClauseOccur.Must;
                        andPending = true;
                        continue;
                    }
                    continue;
                }
                if (word[0] is '*' or '?')
                    throw new QuerySyntaxException($"'{word}' at position {wordStart + 1} starts with a wildcard; wildcards are only allowed at the end of a word (e.g. transform*).", wordStart + 1);
                var prefix = word.Length > 1 && word[^1] == '*';
                if (prefix) CheckPrefix(word, wordStart);
                node = new WordNode(occur, nodeField, start + 1, prefix ? word.TrimEnd('*') : word, prefix);
            }
            andPending = false;
            if (node is not GroupNode && ++_clauses > MaxClauses)
                throw new QuerySyntaxException($"The query has more than {MaxClauses} terms; keep the most telling ones.", start + 1);
            nodes.Add(node);
        }
    }

    private void CheckPrefix(string word, int wordStart)
    {
        if (word.TrimEnd('*').Length < MinPrefixLength)
            throw new QuerySyntaxException($"'{word}' at position {wordStart + 1} is too short a prefix: give at least {MinPrefixLength} letters before the '*' (e.g. tr*), or search the whole word.", wordStart + 1);
        if (++_prefixes > MaxPrefixTerms)
            throw new QuerySyntaxException($"The query has more than {MaxPrefixTerms} prefix* terms; write some of them out as whole words.", wordStart + 1);
    }

    private string? ReadFieldPrefix()
    {
        var colon = text.IndexOf(':', _pos);
        if (colon <= _pos || colon - _pos > 8) return null;
        var name = text[_pos..colon];
        if (!FieldAliases.TryGetValue(name, out var field)) return null;
        _pos = colon + 1;
        return field;
    }

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
    }
}
