namespace PaperSearch.Indexer.Index;

/// <summary>Parsed user query, before it becomes Lucene objects.</summary>
internal enum ClauseOccur { Should, Must, MustNot }

/// <param name="Boost">From <c>^N</c>; null when not given.</param>
/// <param name="Alternative">Joined to a neighbour by OR: stays optional even where free words are all required
/// (<see cref="WordMatch.All"/>).</param>
internal abstract record QueryNode(ClauseOccur Occur, string? Field, int Position)
{
    public float? Boost { get; init; }
    public bool Alternative { get; init; }
}

/// <summary>A bare word; <paramref name="Prefix"/> when it ended with '*'; <paramref name="Fuzzy"/> the edit distance of <c>word~N</c>.</summary>
internal sealed record WordNode(ClauseOccur Occur, string? Field, int Position, string Text, bool Prefix, int? Fuzzy = null)
    : QueryNode(Occur, Field, Position);

/// <summary>A quoted phrase; <paramref name="Slop"/> from <c>"a b"~N</c> (words may be up to N moves apart).</summary>
internal sealed record PhraseNode(ClauseOccur Occur, string? Field, int Position, string Text, int Slop = 0) : QueryNode(Occur, Field, Position);

internal sealed record GroupNode(ClauseOccur Occur, string? Field, int Position, IReadOnlyList<QueryNode> Children) : QueryNode(Occur, Field, Position);
