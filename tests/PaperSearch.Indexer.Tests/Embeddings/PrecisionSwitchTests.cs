using System.Numerics.Tensors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Embeddings;

/// <summary>MiniLM in fp32 and int8 from one data dir (the int8 file is quantised once, here).</summary>
public sealed class TwoPrecisionsFixture : IDisposable
{
    private readonly TempDir _dir = new("two-precisions");

    public TwoPrecisionsFixture()
    {
        Fp32 = Load(ModelPrecision.Fp32);
        Int8 = Load(ModelPrecision.Int8);
    }

    public IEmbedder Fp32 { get; }
    public IEmbedder Int8 { get; }

    private IEmbedder Load(string precision)
    {
        var embedder = EmbedderFactory.Create(new EmbeddingOptions { MaxTokens = 128, Precision = precision }, _dir.Path);
        return embedder.IsAvailable ? embedder : throw new InvalidOperationException($"MiniLM {precision} did not load: {((NullEmbedder)embedder).Reason}");
    }

    public void Dispose()
    {
        (Fp32 as IDisposable)?.Dispose();
        (Int8 as IDisposable)?.Dispose();
        _dir.Dispose();
    }
}

/// <summary>Switching <c>Embedding:Precision</c> over an embedded store: a new key, a full re-embed, nothing mixed.</summary>
public sealed class PrecisionSwitchTests(TwoPrecisionsFixture models) : IClassFixture<TwoPrecisionsFixture>, IDisposable
{
    private readonly TempDir _dir = new("precision-switch");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_EmbedsEveryPaperAgainUnderTheInt8Key_WhenPrecisionSwitchesFromFp32()
    {
        var store = await OpenStoreAsync(_dir);
        var papers = Enumerable.Range(1, 6).Select(i => Make($"2501.{i:00000}", $"Paper {i} on sparse graph learning",
            $"We study sparse graph learning problem {i} with message passing and spectral methods.")).ToList();
        await store.UpsertAsync(papers);
        await new EmbeddingPipeline(store, models.Fp32).RunAsync();

        var switched = await new EmbeddingPipeline(store, models.Int8).RunAsync();

        Assert.NotEqual(models.Fp32.ModelId, models.Int8.ModelId);
        Assert.Equal(6, switched.Embedded); // the fp32 vectors do not count as present for the int8 key
        Assert.Equal(6, await store.CountEmbeddingsAsync(models.Fp32.ModelId));
        Assert.Equal(6, await store.CountEmbeddingsAsync(models.Int8.ModelId));

        // The catalog of the int8 embedder holds exactly the int8 vectors: each equals int8's own embedding of
        // the paper, not fp32's (the two differ, by a little).
        var catalog = new VectorCatalog(store, models.Int8, Options.Create(new SemanticOptions()), NullLogger<VectorCatalog>.Instance);
        await catalog.ReloadAsync();
        Assert.Equal(6, catalog.Count);
        var texts = papers.Select(EmbeddingText.ForPaper).ToArray();
        var int8 = Embed(models.Int8, texts);
        var fp32 = Embed(models.Fp32, texts);
        for (var i = 0; i < papers.Count; i++)
        {
            var loaded = catalog.VectorOf(papers[i].Id)!.Value.Span;
            Assert.Equal(int8[i], loaded.ToArray());
            Assert.NotEqual(fp32[i], loaded.ToArray());
            Assert.True(TensorPrimitives.Dot(fp32[i], loaded) > 0.98f);
        }
    }

    private static float[][] Embed(IEmbedder embedder, string[] texts)
    {
        var flat = new float[texts.Length * embedder.Dimension];
        embedder.Embed(texts, flat);
        return [.. flat.Chunk(embedder.Dimension)];
    }
}
