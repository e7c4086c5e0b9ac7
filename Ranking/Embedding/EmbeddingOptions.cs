using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Ranking.Embedding;

/// <summary>Configuration section <c>Embedding</c>. Every default here is also written in appsettings.json.</summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string Section = "Embedding";

    /// <summary><c>minilm</c> (all-MiniLM-L6-v2), <c>arctic-xs</c> (snowflake-arctic-embed-xs) or <c>none</c>.</summary>
    public string Model { get; set; } = EmbeddingModel.MiniLmKey;

    /// <summary>
    /// <c>int8</c> (weight matrices quantised per column once, on first use; activations quantised at run time)
    /// or <c>fp32</c> (the shipped weights). int8 vectors get their own model key, so switching re-embeds the
    /// corpus instead of mixing the two. int8 is the default because it held both bars, measured in one run on
    /// the shared 2 cores: 2.1× the fp32 papers/s (median of 6 interleaved rounds, 256 tokens), SciFact
    /// semantic nDCG@10 0.6559 against fp32's 0.6595 (docs/SCALING.md, "Time to embed").
    /// </summary>
    public string Precision { get; set; } = DefaultPrecision;

    public const string DefaultPrecision = ModelPrecision.Int8;

    /// <summary>
    /// Token budget per document, [CLS]/[SEP] included (8..512). 256 is what MiniLM was trained with.
    /// Measured on SciFact (pure semantic retrieval, nDCG@10): 256 → 0.650, 128 → 0.625; 128 embeds about
    /// twice as fast (arXiv abstracts average ~280 tokens, so 128 drops half of most of them).
    /// Embedding is a one-off per paper, so the default buys the quality.
    /// </summary>
    [Range(8, 512, ErrorMessage = "Embedding:MaxTokens must be in 8..512.")]
    public int MaxTokens { get; set; } = DefaultMaxTokens;

    public const int DefaultMaxTokens = 256;

    /// <summary>Texts per ONNX run. 1–8 is fastest on CPU once texts are sorted by length.</summary>
    [Range(1, 256, ErrorMessage = "Embedding:BatchSize must be in 1..256.")]
    public int BatchSize { get; set; } = 8;

    /// <summary>ONNX Runtime intra-op threads; 0 = one per core.</summary>
    [Range(0, 1024, ErrorMessage = "Embedding:Threads must be >= 0; 0 means one per core.")]
    public int Threads { get; set; }

    /// <summary>
    /// Let ORT worker threads spin while waiting for work. Off by default: this process also serves HTTP and
    /// Lucene, and on a busy 2-core box spinning measured slower (256 tokens: 3.0–3.4/s on vs 4.1–5.9/s off).
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>How many query embeddings to keep (LRU); 0 disables the cache.</summary>
    [Range(0, 10_000_000, ErrorMessage = "Embedding:CacheSize must be >= 0 (0 disables the cache).")]
    public int CacheSize { get; set; } = 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EmbeddingModel.IsKnownKey(Model))
            yield return new ValidationResult($"Embedding:Model '{Model}' is unknown; use one of: {string.Join(", ", EmbeddingModel.Keys)}.", [nameof(Model)]);
        if (!ModelPrecision.IsKnown(Precision))
            yield return new ValidationResult($"Embedding:Precision '{Precision}' is unknown; use one of: {string.Join(", ", ModelPrecision.Keys)}.", [nameof(Precision)]);
    }
}
