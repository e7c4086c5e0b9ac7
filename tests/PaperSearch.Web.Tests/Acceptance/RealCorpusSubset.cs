using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Acceptance;

/// <summary>
/// A ~10,000-paper slice of the real corpus written to scratch .jsonl.gz files (never into the repository): the
/// papers of the first <c>summaries</c> AI-enhanced lines (so their Chinese summaries join), plus the first
/// <c>others</c> other corpus papers.
/// </summary>
internal sealed record RealCorpusSubset(string CorpusFile, string SummaryFile, int CorpusLines, int SummaryLines)
{
    public static RealCorpusSubset Write(TempDir dir, int summaries = 6_000, int others = 4_000)
    {
        var summaryFile = dir.Sub("ai-subset.jsonl.gz");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var summaryLines = 0;
        using (var output = Writer(summaryFile))
            foreach (var line in Lines(SharedData.AiEnhanced).Take(summaries))
            {
                ids.Add(IdOf(line));
                output.WriteLine(line);
                summaryLines++;
            }

        var corpusFile = dir.Sub("corpus-subset.jsonl.gz");
        var corpusLines = 0;
        var othersTaken = 0;
        using (var output = Writer(corpusFile))
            foreach (var line in Lines(SharedData.Corpus))
            {
                var take = ids.Contains(IdOf(line)) || othersTaken++ < others;
                if (!take) continue;
                output.WriteLine(line);
                corpusLines++;
            }
        return new RealCorpusSubset(corpusFile, summaryFile, corpusLines, summaryLines);
    }

    private static string IdOf(string line) => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!;

    private static IEnumerable<string> Lines(string gz)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress), Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static StreamWriter Writer(string path) =>
        new(new GZipStream(File.Create(path), CompressionLevel.Fastest), new UTF8Encoding(false));
}
