using System.Buffers.Binary;
using System.IO.Compression;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// Decompresses gzip and tells, once read to its end, whether the data was whole. <see cref="GZipStream"/> ends
/// quietly when the input stops mid-member or before the trailer (measured on .NET 10), so a cut download would
/// import as if complete: here the trailer's length field (the last 4 bytes, the decompressed size mod 2³²) is
/// compared with what was decompressed, which a cut file matches only by a 1-in-4-billion chance. Corrupt data
/// (a CRC mismatch, a bad block) ends the stream the same way instead of throwing, so the records before it stay.
/// </summary>
internal sealed class CheckedGzipStream : ForwardOnlyStream
{
    private readonly TailKeepingStream _compressed;
    private readonly GZipStream _gzip;
    private long _decompressed;
    private bool _ended;
    private string? _problem;

    public CheckedGzipStream(Stream compressed)
    {
        _compressed = new TailKeepingStream(compressed);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>Reads what the consumer left (a reader may stop early) and returns why the gzip was not whole, or null.</summary>
    public string? ReadToEndAndCheck()
    {
        var discard = new byte[64 * 1024];
        while (Read(discard) > 0) { }
        return _problem;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int read;
        try { read = _gzip.Read(buffer); }
        catch (InvalidDataException e)
        {
            _problem = $"corrupt gzip data after {_decompressed:N0} decompressed bytes ({e.Message}); the records before it were read";
            _ended = true;
            return 0;
        }
        _decompressed += read;
        if (read == 0)
        {
            _ended = true;
            if (!_compressed.EndsWithSize(_decompressed))
                _problem = $"truncated gzip: the data stops after {_decompressed:N0} decompressed bytes without the trailer that closes it " +
                           "(or it is several gzip files joined, which cannot be checked); the records before the cut were read";
        }
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Passes the compressed bytes through and remembers the last four (the trailer's length field).</summary>
    private sealed class TailKeepingStream(Stream inner) : ForwardOnlyStream
    {
        private readonly byte[] _tail = new byte[4];
        private long _total;

        /// <summary>True when the last four bytes read are <paramref name="size"/> mod 2³², little-endian (RFC 1952 ISIZE).</summary>
        public bool EndsWithSize(long size)
        {
            if (_total < 18) return false; // smaller than a gzip header and trailer
            var start = (int)(_total % 4); // _tail is a ring: the oldest of the last four bytes sits at _total mod 4
            Span<byte> last = [_tail[start], _tail[(start + 1) % 4], _tail[(start + 2) % 4], _tail[(start + 3) % 4]];
            return BinaryPrimitives.ReadUInt32LittleEndian(last) == (uint)size;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            var kept = Math.Min(read, 4);
            _total += read - kept; // the bytes before the last four only move the ring's position on
            foreach (var b in buffer.Slice(read - kept, kept)) _tail[_total++ % 4] = b;
            return read;
        }
    }
}
