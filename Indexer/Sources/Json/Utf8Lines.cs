namespace PaperSearch.Indexer.Sources.Json;

/// <summary>One line of a JSON-lines file as raw UTF-8 (valid only until the enumerator moves on).</summary>
internal readonly record struct Utf8Line(long Number, ReadOnlyMemory<byte> Bytes, bool TooLong);

/// <summary>
/// Splits a stream into lines without decoding it to strings: one reusable buffer that grows only to the longest
/// line (capped at <see cref="MaxLineBytes"/>), so memory stays constant however big the file is.
/// </summary>
internal static class Utf8Lines
{
    public const int MaxLineBytes = 16 * 1024 * 1024;

    public static IEnumerable<Utf8Line> Read(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        int start = 0, end = 0, scanned = 0;
        long number = 0;
        var skippingLongLine = false;
        while (true)
        {
            var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanned + newline;
                number++;
                if (skippingLongLine) skippingLongLine = false;
                else yield return new Utf8Line(number, Trim(buffer.AsMemory(start, lineEnd - start), number), false);
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
                    // Report the monster line once, then drop bytes until its newline.
                    if (!skippingLongLine) yield return new Utf8Line(number + 1, ReadOnlyMemory<byte>.Empty, true);
                    skippingLongLine = true;
                    end = scanned = 0;
                }
                else Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
            }
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > start && !skippingLongLine) yield return new Utf8Line(number + 1, Trim(buffer.AsMemory(start, end - start), number + 1), false);
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
