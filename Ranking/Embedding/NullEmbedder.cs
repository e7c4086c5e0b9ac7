namespace PaperSearch.Ranking.Embedding;

/// <summary>
/// The "no model" embedder: <see cref="IsAvailable"/> is false and callers keep BM25 order.
/// Embedding through it is a programming error (check <see cref="IsAvailable"/> first) and throws.
/// </summary>
public sealed class NullEmbedder(string reason) : IEmbedder
{
    /// <summary>Why no model is available, for logs and the status page.</summary>
    public string Reason { get; } = reason;

    public bool IsAvailable => false;
    public string ModelId => EmbeddingModel.NoneKey;
    public int Dimension => 0;
    public int MaxTokens => 0;

    public void Embed(IReadOnlyList<string> texts, Span<float> output, CancellationToken cancellationToken = default) =>
        throw Unavailable();

    public ReadOnlyMemory<float> EmbedQuery(string query) => throw Unavailable();

    private InvalidOperationException Unavailable() =>
        new($"No embedding model is available ({Reason}); check IEmbedder.IsAvailable and keep BM25 order.");
}
