namespace PaperSearch.Indexer.Sources.Json;

/// <summary>
/// One line of a JSON-lines file as raw UTF-8 (valid only until the enumerator moves on); a line over
/// <see cref="Utf8Lines.MaxLineBytes"/> comes without its bytes, with its <see cref="TooLongBytes"/> counted to its end.
/// </summary>
internal readonly record struct Utf8Line(long Number, ReadOnlyMemory<byte> Bytes, long TooLongBytes = 0)
{
    public bool TooLong => TooLongBytes > 0;
}

/// <summary>
/// Splits a stream into lines without decoding it to strings: one reusable buffer that grows only to the longest
/// line (capped at <see cref="MaxLineBytes"/>), so memory stays constant however big the file is.
/// </summary>
internal static class Utf8Lines
{
    /// <summary>One record's raw size (<see cref="FieldCaps.RecordSize"/>): a longer line is reported and skipped unread.</summary>
    public const int MaxLineBytes = FieldCaps.RecordSize;

    public static IEnumerable<Utf8Line> Read(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        int start = 0, end = 0, scanned = 0;
        long number = 0;
        long skipped = 0; // > 0 while dropping the bytes of a line over the cap, until its newline
        while (true)
        {
            var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanned + newline;
                number++;
                if (skipped > 0) yield return new Utf8Line(number, ReadOnlyMemory<byte>.Empty, skipped + lineEnd - start);
                else yield return new Utf8Line(number, Trim(buffer.AsMemory(start, lineEnd - start), number));
                skipped = 0;
                start = scanned = lineEnd + 1;
                continue;
            }
            ct.ThrowIfCancellationRequested();
            scanned = end;
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start; scanned -= start; start = 0;
            }
            if (end == buffer.Length)
            {
                if (buffer.Length >= MaxLineBytes)
                {
                    // A line over the cap: count its bytes and drop them until its newline.
                    skipped += end;
                    end = scanned = 0;
                }
                else Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
            }
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (skipped > 0) yield return new Utf8Line(number + 1, ReadOnlyMemory<byte>.Empty, skipped + end - start);
                else if (end > start) yield return new Utf8Line(number + 1, Trim(buffer.AsMemory(start, end - start), number + 1));
                yield break;
            }
            end += read;
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line, long number)
    {
        if (line.Length > 0 && line.Span[^1] == (byte)'\r') line = line[..^1];
        if (number == 1 && line.Span.StartsWith("\uFEFF"u8)) line = line[3..];
        return line;
    }
}
