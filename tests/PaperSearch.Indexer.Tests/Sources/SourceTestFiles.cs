using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using PaperSearch.Indexer.Sources;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

/// <summary>Helpers that write small inputs into a test's own TempDir and read them back.</summary>
internal static class SourceTestFiles
{
    public static string Write(TempDir dir, string name, string content)
    {
        var path = dir.Sub(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public static string Gzip(TempDir dir, string name, byte[] content)
    {
        var path = dir.Sub(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(content);
        return path;
    }

    public static string TarGz(TempDir dir, string name, params (string Entry, byte[] Content)[] entries)
    {
        var path = dir.Sub(name);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gz, TarEntryFormat.Pax, leaveOpen: false);
        foreach (var (entry, content) in entries)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream(content) });
        return path;
    }

    public static string[] KaggleLines() => File.ReadAllLines(SharedData.KaggleSample);

    public static List<SourceRecord> ReadAll(string path) => SourceReader.Read(path).ToList();
}
