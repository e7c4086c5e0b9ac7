using System.Numerics.Tensors;
using System.Text.Json;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding;

/// <summary>The real MiniLM quantised to int8 (once per run, by the fixture) against its fp32 self, on real texts.</summary>
[Collection(EmbedderCollection.Name)]
public sealed class Int8EmbedderTests(EmbedderFixture fixture)
{
    [Fact]
    public void ModelId_DiffersFromFp32_SoTheirVectorsNeverShareAKey()
    {
        Assert.Equal("all-MiniLM-L6-v2-int8@128t", fixture.ShortInt8.ModelId);
        Assert.NotEqual(fixture.Short.ModelId, fixture.ShortInt8.ModelId);
        Assert.Equal("all-MiniLM-L6-v2-int8", OnnxEmbedder.IdFor(EmbeddingModel.MiniLm, EmbeddingOptions.DefaultMaxTokens, ModelPrecision.Int8));
        Assert.Equal("all-MiniLM-L6-v2", OnnxEmbedder.IdFor(EmbeddingModel.MiniLm, EmbeddingOptions.DefaultMaxTokens, ModelPrecision.Fp32));
        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory, "models", "all-MiniLM-L6-v2", "model.int8.onnx")));
    }

    [Fact]
    public void Embed_GivesVectorsWithinCosine098OfFp32_WhenTextsAreRealAbstracts()
    {
        var texts = RealTexts.Papers(24);

        var fp32 = fixture.Short.EmbedBatch(texts);
        var int8 = fixture.ShortInt8.EmbedBatch(texts);

        // Measured at 128 tokens on these texts: min ≈ 0.99 (256 tokens, 400 papers: mean 0.995, min 0.99).
        var cosines = texts.Select((_, i) => TensorPrimitives.Dot(fp32[i], int8[i])).ToArray();
        Assert.All(int8, v => Assert.Equal(1f, TensorPrimitives.Norm(v), 1e-4f));
        Assert.True(cosines.Min() >= 0.98f, "cosines: " + string.Join(", ", cosines.Select(c => c.ToString("F4"))));
    }

    [Fact]
    public void EmbedQuery_FindsTheSameNearestAbstractAsFp32_WhenQueriesAreSciFactClaims()
    {
        var (queries, documents) = SciFactSample(20);
        var docs32 = fixture.Short.EmbedBatch(documents);
        var docs8 = fixture.ShortInt8.EmbedBatch(documents);

        var decided = 0;
        foreach (var query in queries)
        {
            var scores32 = docs32.Select(d => TensorPrimitives.Dot(fixture.Short.EmbedQuery(query).Span, d)).ToArray();
            var scores8 = docs8.Select(d => TensorPrimitives.Dot(fixture.ShortInt8.EmbedQuery(query).Span, d)).ToArray();
            var ranked = scores32.Order().ToArray();
            // A near tie in fp32 (within int8's noise on a cosine, ≈ 0.005) may go either way; a clear winner may not.
            if (ranked[^1] - ranked[^2] < 0.01f) continue;
            decided++;
            Assert.Equal(Array.IndexOf(scores32, scores32.Max()), Array.IndexOf(scores8, scores8.Max()));
        }
        Assert.True(decided >= queries.Count * 3 / 4, $"only {decided} of {queries.Count} queries had a clear fp32 winner");
    }

    /// <summary>The first <paramref name="count"/> judged test claims and the abstracts judged relevant to them.</summary>
    private static (List<string> Queries, string[] Documents) SciFactSample(int count)
    {
        var pairs = File.ReadLines(Path.Combine(SharedData.SciFactBeir, "qrels", "test.tsv")).Skip(1)
            .Select(l => l.Split('\t')).DistinctBy(p => p[0]).Take(count).ToList();
        var queryIds = pairs.Select(p => p[0]).ToHashSet();
        var docIds = pairs.Select(p => p[1]).ToHashSet();
        var queries = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(SharedData.SciFactBeir, "queries.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            if (queryIds.Contains(doc.RootElement.GetProperty("_id").GetString()!))
                queries[doc.RootElement.GetProperty("_id").GetString()!] = doc.RootElement.GetProperty("text").GetString()!;
        }
        var documents = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(SharedData.SciFactBeir, "corpus.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (docIds.Contains(root.GetProperty("_id").GetString()!))
                documents.Add(EmbeddingText.ForPaper(root.GetProperty("title").GetString() ?? "", root.GetProperty("text").GetString() ?? ""));
        }
        return ([.. pairs.Select(p => queries[p[0]])], [.. documents]);
    }
}
