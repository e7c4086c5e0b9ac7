using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>Bound from "Semantic": the compressed vector scan.</summary>
public sealed class SemanticOptions
{
    public const string Section = "Semantic";

    /// <summary>PCA rank r of the int8 codes (the default is chosen from the benchmark's recall/speed table).</summary>
    [Range(1, 384, ErrorMessage = "Semantic:Rank must be 1..384 (at most the embedding dimension).")]
    public int Rank { get; set; } = 64;

    /// <summary>How many compressed-scan candidates are rescored exactly with the f32 vectors.</summary>
    [Range(1, 100_000, ErrorMessage = "Semantic:RescoreCandidates must be 1..100000.")]
    public int RescoreCandidates { get; set; } = 500;

    /// <summary>Below this many vectors the scan is exact f32 (compression pays only on large sets).</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Semantic:CompressAbove must be >= 0.")]
    public int CompressAbove { get; set; } = 20_000;

    /// <summary>
    /// Whether loading the catalog may fit (and store) a missing or stale projection. Web replicas set it false: they
    /// never write the store, so they use the stored projection as it is (or scan exactly) until the indexer refits.
    /// </summary>
    public bool RefitOnLoad { get; set; } = true;
}
