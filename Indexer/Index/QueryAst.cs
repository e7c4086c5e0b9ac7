namespace PaperSearch.Indexer.Index;

/// <summary>Parsed user query, before it becomes Lucene objects.</summary>
internal enum ClauseOccur { Should, Must, MustNot }

internal abstract record QueryNode(ClauseOccur Occur, string? Field, int Position);

/// <summary>A bare word; <paramref name="Prefix"/> when it ended with '*'.</summary>
internal sealed record WordNode(ClauseOccur Occur, string? Field, int Position, string Text, bool Prefix) : QueryNode(Occur, Field, Position);

internal sealed record PhraseNode(ClauseOccur Occur, string? Field, int Position, string Text) : QueryNode(Occur, Field, Position);

internal sealed record GroupNode(ClauseOccur Occur, string? Field, int Position, IReadOnlyList<QueryNode> Children) : QueryNode(Occur, Field, Position);
