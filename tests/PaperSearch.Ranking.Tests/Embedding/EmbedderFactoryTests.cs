using System.Numerics.Tensors;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding;

/// <summary>The degrade seam: no model → NullEmbedder (IsAvailable=false) with a reason, never an exception.</summary>
public sealed class EmbedderFactoryTests
{
    [Fact]
    public void Create_ReturnsUnavailableEmbedder_WhenModelIsNone()
    {
        using var dir = new TempDir("embed-none");
        var embedder = EmbedderFactory.Create(new EmbeddingOptions { Model = "none" }, dir.Path);

        Assert.False(embedder.IsAvailable);
        Assert.Contains("none", Assert.IsType<NullEmbedder>(embedder).Reason);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "models")), "nothing is extracted when embedding is off");
        Assert.Throws<InvalidOperationException>(() => embedder.EmbedQuery("anything"));
        Assert.Throws<InvalidOperationException>(() => embedder.Embed(["x"], new float[384]));
    }

    [Fact]
    public void Create_ReturnsUnavailableEmbedder_WhenDataDirectoryCannotBeCreated()
    {
        using var dir = new TempDir("embed-blocked");
        var blocker = dir.Sub("data");
        File.WriteAllText(blocker, "a file where the data directory should be");

        var embedder = EmbedderFactory.Create(new EmbeddingOptions(), blocker);

        Assert.False(embedder.IsAvailable);
        Assert.Contains("extract", Assert.IsType<NullEmbedder>(embedder).Reason);
    }

    [Fact]
    public void Create_ReturnsUnavailableEmbedder_WhenExtractedModelIsCorrupt()
    {
        using var dir = new TempDir("embed-corrupt");
        var files = ModelFiles.Extract(dir.Path, EmbeddingModel.MiniLm);
        var size = new FileInfo(files.ModelPath).Length;
        using (var f = new FileStream(files.ModelPath, FileMode.Create)) f.SetLength(size); // same size, all zeros

        var embedder = EmbedderFactory.Create(new EmbeddingOptions { Precision = ModelPrecision.Fp32 }, dir.Path);
        // int8 reads the same file to quantise it: the protobuf parse fails before ONNX Runtime sees anything.
        var quantised = EmbedderFactory.Create(new EmbeddingOptions { Precision = ModelPrecision.Int8 }, dir.Path);

        Assert.False(embedder.IsAvailable);
        Assert.Contains("ONNX Runtime", Assert.IsType<NullEmbedder>(embedder).Reason);
        Assert.Contains("could not extract all-MiniLM-L6-v2 (int8)", Assert.IsType<NullEmbedder>(quantised).Reason);
        Assert.False(File.Exists(files.Int8ModelPath));
    }

    [Fact]
    public void Create_ReturnsUnavailableEmbedder_WhenOptionsAreInvalid()
    {
        using var dir = new TempDir("embed-invalid");
        var embedder = EmbedderFactory.Create(new EmbeddingOptions { Model = "gpt", MaxTokens = 4, Precision = "fp16" }, dir.Path);

        var reason = Assert.IsType<NullEmbedder>(embedder).Reason;
        Assert.Contains("Embedding:Model", reason);
        Assert.Contains("Embedding:MaxTokens", reason);
        Assert.Contains("Embedding:Precision 'fp16' is unknown; use one of: fp32, int8.", reason);
    }

    [Fact]
    public void Create_LoadsArcticXsWithCls_WhenConfigured()
    {
        using var dir = new TempDir("embed-arctic");
        using var embedder = Assert.IsType<OnnxEmbedder>(
            EmbedderFactory.Create(new EmbeddingOptions { Model = "arctic-xs", MaxTokens = 64 }, dir.Path));

        Assert.Equal("snowflake-arctic-embed-xs-int8@64t", embedder.ModelId); // int8 is the default precision
        Assert.StartsWith("Represent this sentence", embedder.QueryPrefix);
        var query = embedder.EmbedQuery("attention mechanism for neural machine translation").Span;
        var docs = embedder.EmbedBatch([
            "Neural machine translation with an attention mechanism that aligns source and target words.",
            "Mash ripe bananas with butter and sugar, fold in flour and bake the loaf for an hour."]);
        Assert.Equal(1f, TensorPrimitives.Norm(docs[0]), 1e-4f);
        Assert.True(TensorPrimitives.Dot(query, docs[0]) > TensorPrimitives.Dot(query, docs[1]) + 0.1f);
    }
}
