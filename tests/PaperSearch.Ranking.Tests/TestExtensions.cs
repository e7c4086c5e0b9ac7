using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Ranking.Tests;

/// <summary>Conveniences only the tests need (production code embeds into caller-owned buffers, never row by row).</summary>
internal static class TestExtensions
{
    /// <summary>Convenience over <see cref="IEmbedder.Embed"/>: one array per text.</summary>
    public static float[][] EmbedBatch(this IEmbedder embedder, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var dim = embedder.Dimension;
        var flat = new float[texts.Count * dim];
        embedder.Embed(texts, flat, cancellationToken);
        var rows = new float[texts.Count][];
        for (var i = 0; i < rows.Length; i++) rows[i] = flat.AsSpan(i * dim, dim).ToArray();
        return rows;
    }

    /// <summary>Embeds one document text.</summary>
    public static float[] EmbedOne(this IEmbedder embedder, string text)
    {
        var v = new float[embedder.Dimension];
        embedder.Embed([text], v);
        return v;
    }

    /// <summary>The float code of row <paramref name="i"/> (the scan never dequantises; tests check the round trip).</summary>
    public static void Dequantize(this QuantizedCodes codes, int i, Span<float> code)
    {
        var row = codes.Row(i);
        for (var j = 0; j < codes.Rank; j++) code[j] = row[j] * codes.Scale(i);
    }
}
