namespace PaperSearch.Ranking.Embedding;

/// <summary>
/// Turns text into L2-normalised f32 vectors (so dot product = cosine). The seam between search and
/// whichever model is configured: <see cref="OnnxEmbedder"/> for the shipped models, <see cref="NullEmbedder"/>
/// when none is available (callers then keep BM25 order), or a test double.
/// Implementations are thread-safe.
/// </summary>
public interface IEmbedder
{
    /// <summary>False when no model could be loaded; <see cref="Embed"/> and <see cref="EmbedQuery"/> then throw.</summary>
    bool IsAvailable { get; }

    /// <summary>Stable id of the model and its settings, e.g. <c>all-MiniLM-L6-v2</c>; stored beside vectors.</summary>
    string ModelId { get; }

    /// <summary>Vector length (384 for both shipped models; 0 when unavailable).</summary>
    int Dimension { get; }

    /// <summary>Token budget per text, [CLS] and [SEP] included; longer texts are truncated.</summary>
    int MaxTokens { get; }

    /// <summary>
    /// Embeds documents. <paramref name="output"/> receives <c>texts.Count × Dimension</c> floats, row i for
    /// texts[i]. Batching and length-sorting happen inside, so pass as many texts as is convenient.
    /// </summary>
    void Embed(IReadOnlyList<string> texts, Span<float> output, CancellationToken cancellationToken = default);

    /// <summary>
    /// Embeds a search query (with the model's query prefix, if any). Results are cached by exact text in a
    /// bounded LRU; the returned memory is shared and must not be written to.
    /// </summary>
    ReadOnlyMemory<float> EmbedQuery(string query);
}
