using System.IO.Compression;
using System.Text.Json;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding;

/// <summary>Real arXiv papers from the shared corpus, as the text the product embeds for them.</summary>
internal static class RealTexts
{
    public static string[] Papers(int count)
    {
        using var gz = new GZipStream(File.OpenRead(SharedData.Corpus), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var texts = new List<string>();
        while (texts.Count < count && reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            texts.Add(EmbeddingText.ForPaper(root.GetProperty("title").GetString() ?? "", root.GetProperty("summary").GetString() ?? ""));
        }
        return [.. texts];
    }
}
