using System.Formats.Tar;
using PaperSearch.Indexer.Sources.Abs;
using PaperSearch.Indexer.Sources.Json;
using PaperSearch.Indexer.Sources.Oai;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// Reads any supported import file into <see cref="SourceRecord"/>s, streaming with constant memory. The container
/// (plain, <c>.gz</c>, <c>.tar</c>, <c>.tar.gz</c>/<c>.tgz</c>, a directory walked recursively) and the format are both
/// detected from the bytes, never from the file name. A bad record, and a file of an unknown format, become a
/// <see cref="RejectedRecord"/> — reading never throws for content; only I/O failures (missing file) and
/// cancellation throw.
/// </summary>
public static class SourceReader
{
    public const string SupportedFormats =
        "Kaggle arXiv snapshot JSON lines, daily-listing JSON lines, AI-enhanced JSON lines, OAI-PMH XML (arXiv, arXivRaw, oai_dc) " +
        "or arXiv .abs files; plain, .gz, .tar or .tar.gz, or a directory of them";

    private const int SniffBytes = 64 * 1024;

    /// <summary>
    /// Reads a file or every regular file under a directory (in ordinal path order; FIFOs, sockets and devices there
    /// are reported and skipped, while a path named here is read whatever it is, so <c>import &lt;(zcat x.gz)</c> works).
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither a file nor a directory exists at <paramref name="path"/>.</exception>
    public static IEnumerable<SourceRecord> Read(string path, CancellationToken ct = default)
    {
        if (Directory.Exists(path)) return ReadDirectory(path, ct);
        if (!File.Exists(path)) throw new FileNotFoundException($"No file or directory at '{path}'.", path);
        return ReadFile(path, ct);
    }

    /// <summary>Reads already-open content (an upload, a download); <paramref name="source"/> names it in rejections.</summary>
    public static IEnumerable<SourceRecord> Read(Stream stream, string source, CancellationToken ct = default) =>
        ReadContent(stream, source, entry: null, ct);

    private static IEnumerable<SourceRecord> ReadDirectory(string directory, CancellationToken ct)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (IsOlderAbsVersion(Path.GetRelativePath(directory, file))) continue;
            // A FIFO would block the open until something writes to it; a device or socket is no import file either.
            if (FileKind.NotRegular(file) is { } kind)
            {
                yield return new RejectedRecord(file, SourcePosition.WholeFile(null), $"{kind}, not a regular file: skipped");
                continue;
            }
            foreach (var record in ReadFile(file, ct)) yield return record;
        }
    }

    private static IEnumerable<SourceRecord> ReadFile(string path, CancellationToken ct)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        foreach (var record in ReadContent(stream, path, entry: null, ct)) yield return record;
    }

    private static IEnumerable<SourceRecord> ReadContent(Stream stream, string source, string? entry, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var (prefix, length) = PrefixedStream.ReadPrefix(stream, SniffBytes);
        if (length == 0)
        {
            yield return new RejectedRecord(source, SourcePosition.WholeFile(entry), "empty file");
            yield break;
        }

        var head = prefix.AsSpan(0, length);
        if (head is [0x1f, 0x8b, ..])
        {
            using var gzip = new CheckedGzipStream(new PrefixedStream(prefix, length, stream));
            foreach (var record in ReadContent(gzip, source, entry, ct)) yield return record;
            if (gzip.ReadToEndAndCheck() is { } problem) yield return new RejectedRecord(source, SourcePosition.Of(entry, "end of the gzip data"), problem);
            yield break;
        }
        if (length >= 262 && head[257..262].SequenceEqual("ustar"u8))
        {
            foreach (var record in ReadTar(new PrefixedStream(prefix, length, stream), source, ct)) yield return record;
            yield break;
        }

        var content = new PrefixedStream(prefix, length, stream);
        switch (ContentSniffer.Sniff(head))
        {
            case ContentFormat.JsonLines:
                foreach (var record in JsonLinesReader.Read(content, source, entry, ct)) yield return record;
                break;
            case ContentFormat.OaiPmh:
                foreach (var record in OaiResponseParser.ReadRecords(content, source, entry, ct)) yield return record;
                break;
            case ContentFormat.Abs:
                yield return AbsFileParser.Parse(content, source, entry, fileName: entry ?? source);
                break;
            default:
                yield return Unknown(source, entry, "unrecognised content");
                break;
        }
    }

    private static IEnumerable<SourceRecord> ReadTar(Stream stream, string source, CancellationToken ct)
    {
        using var tar = new TarReader(stream, leaveOpen: true);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var (entry, error) = NextEntry(tar);
            if (error is not null) { yield return new RejectedRecord(source, "tar", error); yield break; }
            if (entry is null) yield break;
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            if (IsOlderAbsVersion(entry.Name)) continue;
            foreach (var record in ReadContent(entry.DataStream ?? Stream.Null, source, entry.Name, ct)) yield return record;
        }
    }

    private static (TarEntry? Entry, string? Error) NextEntry(TarReader tar)
    {
        try { return (tar.GetNextEntry(), null); }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            return (null, "corrupt tar archive: " + e.Message);
        }
    }

    /// <summary>
    /// arXiv keeps superseded versions as <c>orig/…/IDvN.abs</c>; the current <c>ftp/…/ID.abs</c> already lists every
    /// version's date and size, so the old copies are skipped rather than read as duplicate papers.
    /// </summary>
    internal static bool IsOlderAbsVersion(string name)
    {
        if (!name.EndsWith(".abs", StringComparison.OrdinalIgnoreCase)) return false;
        var normalized = name.Replace('\\', '/');
        if (normalized.StartsWith("orig/", StringComparison.Ordinal) || normalized.Contains("/orig/", StringComparison.Ordinal)) return true;
        var stem = Path.GetFileNameWithoutExtension(normalized);
        var v = stem.LastIndexOf('v');
        return v > 0 && v < stem.Length - 1 && char.IsAsciiDigit(stem[v - 1]) && stem.AsSpan(v + 1).ContainsAnyExceptInRange('0', '9') == false;
    }

    /// <summary>The rejection of a whole file whose content is none of the <see cref="SupportedFormats"/>.</summary>
    internal static RejectedRecord Unknown(string source, string? entry, string what) =>
        new(source, SourcePosition.WholeFile(entry), $"{what}: unsupported format. Supported: {SupportedFormats}.");
}
