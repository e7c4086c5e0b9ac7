using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// One published vector file: every f32 vector of a model in paper-id order, then their ids. Layout (little-endian):
/// a 64-byte header (magic "PSVF", version, D, count, id bytes, XxHash64 of everything after the header), the rows
/// (row i at 64 + i·D·4, so a 384-wide row starts on a cache line), then each id as a u16 byte length and UTF-8.
/// Rows are read through a read-only memory mapping (<see cref="VectorBlock"/>); the page cache holds them once for
/// every process on the host, and a process's heap keeps only the ids (and the codes its catalog derives).
/// </summary>
internal static class VectorFile
{
    public const uint Magic = 0x46565350; // "PSVF"
    public const int Version = 1;
    public const int HeaderSize = 64;

    /// <summary>Rows handed to a reader's callback at a time (6 MB at D = 384).</summary>
    public const int BatchRows = 4096;

    /// <summary>What a file holds once opened: its ids in row order and its mapped rows.</summary>
    public sealed record Opened(string Path, string[] Ids, VectorBlock Rows);

    private readonly record struct Header(int Dimension, long Count, long IdBytes, ulong Checksum);

    /// <summary>
    /// Opens and checks <paramref name="path"/>: header, length, then one sequential pass over rows and ids (through
    /// the page cache, not the mapping, so the process does not keep the rows resident) that verifies the checksum and
    /// hands each batch of rows to <paramref name="eachBatch"/> (the catalog builds its codes there). A file that is
    /// truncated, of another format or dimension, or whose bytes do not match the checksum throws
    /// <see cref="InvalidDataException"/> naming the file and the fault.
    /// </summary>
    public static Opened Read(string path, int dimension, Action<float[], int>? eachBatch = null)
    {
        using (var stream = OpenStream(path))
        {
            var header = ReadHeader(stream, path, dimension);
            var hash = new XxHash64();
            var batch = new float[BatchRows * dimension];
            var bytes = MemoryMarshal.AsBytes(batch.AsSpan());
            for (long done = 0; done < header.Count;)
            {
                var rows = (int)Math.Min(BatchRows, header.Count - done);
                var part = bytes[..(rows * dimension * sizeof(float))];
                stream.ReadExactly(part);
                hash.Append(part);
                eachBatch?.Invoke(batch, rows);
                done += rows;
            }
            var ids = ReadIds(stream, header, hash, path);
            if (hash.GetCurrentHashAsUInt64() != header.Checksum)
                throw new InvalidDataException($"{path}: the checksum does not match the contents (a damaged vector file).");
            return Map(path, dimension, ids);
        }
    }

    /// <summary>Maps a file this process has just written and whose ids it holds: no second pass.</summary>
    public static Opened Map(string path, int dimension, string[] ids)
    {
        var stream = OpenStream(path);
        try
        {
            var header = ReadHeader(stream, path, dimension);
            if (header.Count != ids.Length) throw new InvalidDataException($"{path}: holds {header.Count} rows, not {ids.Length}.");
            var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new Opened(path, ids, VectorBlock.Map(file, view, HeaderSize, ids.Length, dimension));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Read-only and shared with deletion: the writer may replace or delete a file a replica has open. On Linux an open
    /// file and its mapping survive the unlink (the inode lives until the last reference closes), so a replica keeps
    /// serving from the file it mapped until its next reload.
    /// </summary>
    private static FileStream OpenStream(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1 << 16);

    private static Header ReadHeader(FileStream stream, string path, int dimension)
    {
        Span<byte> h = stackalloc byte[HeaderSize];
        if (stream.Length < HeaderSize) throw new InvalidDataException($"{path}: {stream.Length} bytes, shorter than a vector file's header.");
        stream.ReadExactly(h);
        if (BinaryPrimitives.ReadUInt32LittleEndian(h) != Magic) throw new InvalidDataException($"{path}: not a PaperSearch vector file.");
        var version = BinaryPrimitives.ReadInt32LittleEndian(h[4..]);
        if (version != Version) throw new InvalidDataException($"{path}: vector file version {version}, this build reads {Version}.");
        var header = new Header(BinaryPrimitives.ReadInt32LittleEndian(h[8..]), BinaryPrimitives.ReadInt64LittleEndian(h[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(h[24..]), BinaryPrimitives.ReadUInt64LittleEndian(h[32..]));
        if (header.Dimension != dimension) throw new InvalidDataException($"{path}: vectors of {header.Dimension} dimensions, the model has {dimension}.");
        if (header.Count is < 0 or > int.MaxValue || header.IdBytes < 0) throw new InvalidDataException($"{path}: a damaged header.");
        var expected = HeaderSize + header.Count * dimension * sizeof(float) + header.IdBytes;
        if (stream.Length != expected)
            throw new InvalidDataException($"{path}: {stream.Length:N0} bytes, the header says {expected:N0} (a truncated or unfinished vector file).");
        return header;
    }

    private static string[] ReadIds(FileStream stream, Header header, XxHash64 hash, string path)
    {
        var ids = new string[header.Count];
        var buffer = new byte[ushort.MaxValue];
        Span<byte> length = stackalloc byte[2];
        long read = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            stream.ReadExactly(length);
            var n = BinaryPrimitives.ReadUInt16LittleEndian(length);
            read += 2 + n;
            if (read > header.IdBytes) throw new InvalidDataException($"{path}: the id table is longer than the header says.");
            stream.ReadExactly(buffer, 0, n);
            hash.Append(length);
            hash.Append(buffer.AsSpan(0, n));
            ids[i] = Encoding.UTF8.GetString(buffer, 0, n);
        }
        if (read != header.IdBytes) throw new InvalidDataException($"{path}: the id table is shorter than the header says.");
        return ids;
    }

    /// <summary>The header bytes for <see cref="VectorFileWriter"/>, in the one layout <see cref="ReadHeader"/> reads.</summary>
    public static void WriteHeader(Span<byte> h, int dimension, long count, long idBytes, ulong checksum)
    {
        h[..HeaderSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(h, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(h[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], dimension);
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], count);
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], idBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(h[32..], checksum);
    }
}
