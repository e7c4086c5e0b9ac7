using System.Text;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Abs;

/// <summary>
/// arXiv's native <c>.abs</c> metadata file: a rule of dashes, <c>\\</c>, a header of <c>Key: value</c> lines
/// (continuations indented; one <c>Date:</c> line per version with its size), <c>\\</c>, the abstract, <c>\\</c>.
/// </summary>
internal static class AbsFileParser
{
    /// <summary>One record's raw size (<see cref="FieldCaps.RecordSize"/>); real .abs files are a few kB, the largest 38 kB.</summary>
    private const int MaxBytes = FieldCaps.RecordSize;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="fileName">The file or tar entry name, checked against the id in the header (arXiv names each file after its paper).</param>
    public static SourceRecord Parse(Stream stream, string source, string? entry, string fileName)
    {
        var position = SourcePosition.WholeFile(entry);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return new RejectedRecord(source, position, TooLarge(stream, buffer.Length + read, chunk));
            buffer.Write(chunk, 0, read);
        }
        var record = Parse(Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), source, position);
        return record is PaperRecord paper && !MatchesFileName(paper.Paper.Id, fileName)
            ? new RejectedRecord(source, position, $"the header says {paper.Paper.Id} but the file is named {Path.GetFileName(fileName)}")
            : record;
    }

    /// <summary>Counts the rest of an over-long file (without keeping it) for the rejection.</summary>
    private static string TooLarge(Stream stream, long readSoFar, byte[] chunk)
    {
        int read;
        while ((read = stream.Read(chunk)) > 0) readSoFar += read;
        return FieldCaps.Describe("the .abs file", readSoFar, MaxBytes, "bytes") + " (the most one record may take); skipped";
    }

    /// <summary>"cs/0006008" must live in "…/0006008.abs", "0704.0001" in "…/0704.0001.abs"; other names are not checked.</summary>
    private static bool MatchesFileName(string id, string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/'));
        if (!stem.All(c => char.IsAsciiDigit(c) || c == '.')) return true;
        return stem == id[(id.LastIndexOf('/') + 1)..];
    }

    /// <summary>Old .abs files are Latin-1; newer ones UTF-8. Valid UTF-8 wins, anything else is read as Latin-1.</summary>
    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.Latin1.GetString(bytes); }
    }

    internal static SourceRecord Parse(string text, string source, string position)
    {
        var sections = Sections(text);
        if (sections.Count < 2) return new RejectedRecord(source, position, @"not an .abs file: expected a header and an abstract between '\\' lines");
        var header = Header(sections[0]);
        var (versions, latestFlags) = Versions(header);
        string? Field(string name) => name == "abstract" ? sections[1] : header.Get(name);
        return SourceRecords.Paper(source, position, header.Get("arXiv") ?? header.Get("Paper"),
            id => ArxivMetadata.Build(id, Field, AuthorNames.SplitList(header.Get("Authors")), versions, latestFlags));
    }

    /// <summary>The blocks after the first <c>\\</c> line (the dashes before it are dropped): header, abstract.</summary>
    private static List<string> Sections(string text)
    {
        var sections = new List<string>();
        StringBuilder? current = null;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.TrimEnd().SequenceEqual(@"\\"))
            {
                if (current is not null) sections.Add(current.ToString());
                current = new StringBuilder();
                continue;
            }
            current?.Append(line).Append('\n');
        }
        if (current is not null && current.ToString().Trim().Length > 0) sections.Add(current.ToString());
        return sections;
    }

    private sealed class HeaderFields
    {
        public readonly List<(string Key, string Value)> Fields = [];

        public string? Get(string key) =>
            Fields.Where(f => f.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Select(f => SourceText.Clean(f.Value)).FirstOrDefault();
    }

    private static HeaderFields Header(string block)
    {
        var header = new HeaderFields();
        foreach (var line in block.Split('\n'))
        {
            if (line.Trim().Length == 0) continue;
            if (char.IsWhiteSpace(line[0]) && header.Fields.Count > 0)
            {
                var (key, value) = header.Fields[^1];
                header.Fields[^1] = (key, value + " " + line.Trim());
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon > 0) header.Fields.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return header;
    }

    /// <summary>
    /// "Date: Mon, 2 Apr 2007 19:18:42 GMT   (443kb)" is v1; "Date (revised v2): … (0kb,I)" is v2 with source-type
    /// flags "I" (returned for the newest version: "I" marks a withdrawal).
    /// </summary>
    private static (List<PaperVersion> Versions, string? LatestFlags) Versions(HeaderFields header)
    {
        var versions = new List<PaperVersion>();
        var flags = new Dictionary<int, string>();
        foreach (var (key, value) in header.Fields)
        {
            if (!key.StartsWith("Date", StringComparison.OrdinalIgnoreCase)) continue;
            var revised = key.IndexOf("revised", StringComparison.OrdinalIgnoreCase);
            var number = revised < 0 ? 1
                : SourceText.ParseVersionLabel(key[(revised + "revised".Length)..].Trim(' ', ')')) ?? versions.Count + 1;
            var paren = value.LastIndexOf('(');
            var date = SourceText.ParseRfc1123(paren > 0 ? value[..paren] : value);
            if (date is null) continue;
            string? size = null;
            if (paren > 0)
            {
                var inner = value[(paren + 1)..].TrimEnd(')', ' ');
                var comma = inner.IndexOf(',');
                size = (comma >= 0 ? inner[..comma] : inner).Trim();
                if (comma >= 0) flags[number] = inner[(comma + 1)..].Trim();
            }
            versions.Add(new PaperVersion(number, date.Value, string.IsNullOrEmpty(size) ? null : size));
        }
        versions.Sort((a, b) => a.Number.CompareTo(b.Number));
        return (versions, versions.Count > 0 ? flags.GetValueOrDefault(versions[^1].Number) : null);
    }
}
