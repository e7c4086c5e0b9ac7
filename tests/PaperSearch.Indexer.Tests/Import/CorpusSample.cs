using System.IO.Compression;
using System.Text;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Import;

/// <summary>Writes the first lines of a shared gzip JSONL file into a scratch file (never into the repository).</summary>
internal static class CorpusSample
{
    public static string FirstLines(string gzPath, int lines, TempDir dir, string name)
    {
        var target = dir.Sub(name);
        using var input = new StreamReader(new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress), Encoding.UTF8);
        using var output = new StreamWriter(target, false, new UTF8Encoding(false));
        for (var i = 0; i < lines && input.ReadLine() is { } line; i++) output.WriteLine(line);
        return target;
    }
}

/// <summary>A fact that runs only when PAPERSEARCH_FULL=1 (or PAPERSEARCH_FULL_CORPUS=1): the full 118k-paper import takes minutes.</summary>
public sealed class FullCorpusFactAttribute : FactAttribute
{
    public FullCorpusFactAttribute()
    {
        if (!IsEnabled)
            Skip = "Full-corpus measurement; set PAPERSEARCH_FULL=1 to run it.";
    }

    public static bool IsEnabled =>
        Environment.GetEnvironmentVariable("PAPERSEARCH_FULL") == "1" || Environment.GetEnvironmentVariable("PAPERSEARCH_FULL_CORPUS") == "1";
}
