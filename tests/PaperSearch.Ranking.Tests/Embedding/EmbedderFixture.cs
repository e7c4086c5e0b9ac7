using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding;

/// <summary>
/// Loads MiniLM once per test run (extraction + session take seconds): a 128-token session for the
/// everyday checks, a 512-token one to compare with the package's own encoder, and a 128-token int8 one
/// (its model quantised once, here, into the same data dir) to compare with the fp32 one.
/// </summary>
public sealed class EmbedderFixture : IDisposable
{
    private readonly TempDir _dataDir = new("embed");

    public EmbedderFixture()
    {
        Short = Load(new EmbeddingOptions { MaxTokens = 128, BatchSize = 4, Precision = ModelPrecision.Fp32 });
        Long = Load(new EmbeddingOptions { MaxTokens = 512, BatchSize = 4, Precision = ModelPrecision.Fp32 });
        ShortInt8 = Load(new EmbeddingOptions { MaxTokens = 128, BatchSize = 4, Precision = ModelPrecision.Int8 });
    }

    public string DataDirectory => _dataDir.Path;

    /// <summary>MaxTokens 128, fp32 (the shipped weights; int8 is the product's default, compared in Int8EmbedderTests).</summary>
    public OnnxEmbedder Short { get; }

    /// <summary>MaxTokens 512 (the package encoder's own limit), fp32 like the package's encoder.</summary>
    public OnnxEmbedder Long { get; }

    /// <summary>MaxTokens 128, int8.</summary>
    public OnnxEmbedder ShortInt8 { get; }

    private OnnxEmbedder Load(EmbeddingOptions options) =>
        EmbedderFactory.Create(options, _dataDir.Path) as OnnxEmbedder
        ?? throw new InvalidOperationException("MiniLM did not load: " + ((NullEmbedder)EmbedderFactory.Create(options, _dataDir.Path)).Reason);

    public void Dispose()
    {
        Short.Dispose();
        Long.Dispose();
        ShortInt8.Dispose();
        _dataDir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbedderCollection : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "MiniLM embedder";
}
