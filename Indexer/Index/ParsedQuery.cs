using System.Collections.Concurrent;
using Lucene.Net.Search;

namespace PaperSearch.Indexer.Index;

/// <summary>How the free words of a query must match: any of them (ranked by BM25), or all of them.</summary>
public enum WordMatch
{
    /// <summary>An OR of the words: BM25 ranks papers matching more of them higher (relevance order).</summary>
    Any,
    /// <summary>Every free word is required, except words joined by OR (date order and feeds, where rank cannot demote noise).</summary>
    All,
}

/// <summary>
/// The one reading of a query text (<see cref="PaperQuery.Parse"/>): everything downstream needs, from one parse. The
/// Lucene query is built once per weights and match rule and reused by the search, the highlighter and the title check.
/// </summary>
public sealed class ParsedQuery
{
    private readonly ConcurrentDictionary<(QueryWeights, WordMatch), Query> _built = new();

    internal ParsedQuery(string text, IReadOnlyList<QueryNode> nodes, string? exactId)
    {
        Text = text;
        Nodes = nodes;
        ExactId = exactId;
        EmbeddingText = exactId is null ? QueryMeaning.EmbeddingText(nodes) : "";
        Unhonoured = QueryMeaning.OperatorKinds(nodes);
        TitleKey = exactId is null && Unhonoured.Count == 0 ? PaperQuery.TitleKey(text) : null;
        HasCjk = QueryMeaning.HasCjk(text);
        NothingSearchable = !IsBlank && Lucene(QueryWeights.Default, WordMatch.Any) is BooleanQuery { Clauses.Count: 0 };
    }

    /// <summary>The query as typed (trimmed).</summary>
    public string Text { get; }

    /// <summary>No text at all: every paper that passes the filters (daily lists, date-only searches).</summary>
    public bool IsBlank => Text.Length == 0;

    /// <summary>The arXiv id (normalised, no version) when the whole text is an id or an arXiv URL.</summary>
    public string? ExactId { get; }

    /// <summary>
    /// What an embedding model should read: the required and optional free words and phrases (and title/abstract
    /// ones), never excluded parts, author names, ids or categories. Empty when nothing has meaning to embed.
    /// </summary>
    public string EmbeddingText { get; }

    /// <summary>Not blank, yet nothing the index holds (only stop words or punctuation): it matches no paper.</summary>
    public bool NothingSearchable { get; }

    /// <summary>Chinese, Japanese or Korean script, which the shipped English embedding models cannot read.</summary>
    public bool HasCjk { get; }

    /// <summary>
    /// The operator kinds in the query ("exclusions (-x, NOT x)", "field prefixes (ti:, au:, …)", …) that a ranking by
    /// meaning alone cannot honour; empty for plain free text.
    /// </summary>
    public IReadOnlyList<string> Unhonoured { get; }

    /// <summary>The text as a title key (<see cref="PaperQuery.TitleKey"/>) when it is plain free text: a paper whose
    /// title has this key is an exact title match.</summary>
    public string? TitleKey { get; }

    internal IReadOnlyList<QueryNode> Nodes { get; }

    /// <summary>The Lucene query for these weights and this match rule, built once and shared by every use.</summary>
    internal Query Lucene(QueryWeights weights, WordMatch match) =>
        _built.GetOrAdd((weights, match), key => PaperQuery.Build(this, key.Item1, key.Item2));

    public override string ToString() => Text;
}
