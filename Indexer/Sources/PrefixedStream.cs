namespace PaperSearch.Indexer.Sources;

/// <summary>
/// A forward-only stream that first replays bytes already read (for format sniffing) and then continues with the
/// rest of the underlying stream, so a gzip or tar entry stream need not be reopened or seekable.
/// The underlying stream stays owned (and disposed) by whoever opened it.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ForwardOnlyStream
{
    private int _offset;

    /// <summary>Reads up to <paramref name="max"/> bytes from <paramref name="stream"/> (less only at its end).</summary>
    public static (byte[] Buffer, int Length) ReadPrefix(Stream stream, int max)
    {
        var buffer = new byte[max];
        var length = 0;
        while (length < max)
        {
            var read = stream.Read(buffer, length, max - length);
            if (read == 0) break;
            length += read;
        }
        return (buffer, length);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_offset < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _offset);
            prefix.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }
        return rest.Read(buffer);
    }
}
