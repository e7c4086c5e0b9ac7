namespace PaperSearch.Ranking.Embedding;

/// <summary>Configuration section <c>Embedding</c>. Every default here is also written in appsettings.json.</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embedding";

    /// <summary><c>minilm</c> (all-MiniLM-L6-v2), <c>arctic-xs</c> (snowflake-arctic-embed-xs) or <c>none</c>.</summary>
    public string Model { get; set; } = EmbeddingModel.MiniLmKey;

    /// <summary>
    /// Token budget per document, [CLS]/[SEP] included (8..512). 256 is what MiniLM was trained with.
    /// Measured on SciFact (pure semantic retrieval, nDCG@10): 256 → 0.650, 128 → 0.625; 128 embeds about
    /// twice as fast (arXiv abstracts average ~280 tokens, so 128 drops half of most of them).
    /// Embedding is a one-off per paper, so the default buys the quality.
    /// </summary>
    public int MaxTokens { get; set; } = DefaultMaxTokens;

    public const int DefaultMaxTokens = 256;

    /// <summary>Texts per ONNX run. 1–8 is fastest on CPU once texts are sorted by length.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>ONNX Runtime intra-op threads; 0 = one per core.</summary>
    public int Threads { get; set; }

    /// <summary>
    /// Let ORT worker threads spin while waiting for work. Off by default: this process also serves HTTP and
    /// Lucene, and on a busy 2-core box spinning measured slower (256 tokens: 3.0–3.4/s on vs 4.1–5.9/s off).
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>How many query embeddings to keep (LRU); 0 disables the cache.</summary>
    public int CacheSize { get; set; } = 1024;

    /// <summary>Returns a list of problems, empty when valid (used by options validation on start).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!EmbeddingModel.IsKnownKey(Model))
            errors.Add($"Embedding:Model '{Model}' is unknown; use one of: {string.Join(", ", EmbeddingModel.Keys)}.");
        if (MaxTokens is < 8 or > 512) errors.Add($"Embedding:MaxTokens must be in 8..512 (was {MaxTokens}).");
        if (BatchSize is < 1 or > 256) errors.Add($"Embedding:BatchSize must be in 1..256 (was {BatchSize}).");
        if (Threads < 0) errors.Add($"Embedding:Threads must be >= 0 (was {Threads}); 0 means one per core.");
        if (CacheSize < 0) errors.Add($"Embedding:CacheSize must be >= 0 (was {CacheSize}).");
        return errors;
    }
}
