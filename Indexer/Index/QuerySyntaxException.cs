namespace PaperSearch.Indexer.Index;

/// <summary>
/// The user's query cannot be run. <see cref="Exception.Message"/> says what is wrong and where, in words a
/// person can act on; <see cref="Position"/> is 1-based (0 when the problem is the query as a whole).
/// </summary>
public sealed class QuerySyntaxException(string message, int position = 0) : Exception(message)
{
    public int Position { get; } = position;

    /// <summary>The query is too long or has too many terms: a text (an abstract, a draft), which related work takes whole.</summary>
    public bool OverLimits { get; init; }
}
