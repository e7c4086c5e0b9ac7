using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// Writes one <see cref="VectorFile"/> row by row as the vectors stream from the store (nothing but the ids is kept), to
/// a temporary name beside the target, and publishes it with one rename: a reader sees the old file or the whole new
/// one, never a part. An unpublished writer deletes its temporary file when disposed (a crash leaves it for
/// <see cref="VectorFolder.Sweep"/>).
/// </summary>
internal sealed class VectorFileWriter : IDisposable
{
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly XxHash64 _hash = new();
    private readonly List<string> _ids = [];
    private readonly int _dimension;
    private bool _published;

    /// <param name="temporary">Where to write until <see cref="Publish"/>: beside the final name, so the rename is atomic.</param>
    public VectorFileWriter(string temporary, int dimension)
    {
        (_temp, _dimension) = (temporary, dimension);
        _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        _stream.Write(new byte[VectorFile.HeaderSize]); // filled in by Publish, once the counts and the checksum are known
    }

    public int Count => _ids.Count;

    public void Add(string id, ReadOnlySpan<float> row)
    {
        if (row.Length != _dimension) throw new ArgumentException($"A row of {row.Length} floats in a file of D = {_dimension}.", nameof(row));
        if (Encoding.UTF8.GetByteCount(id) > ushort.MaxValue) throw new ArgumentException("An id longer than 65,535 bytes.", nameof(id));
        var bytes = MemoryMarshal.AsBytes(row);
        _stream.Write(bytes);
        _hash.Append(bytes);
        _ids.Add(id);
    }

    /// <summary>
    /// Writes the ids and the header, flushes to disk, renames to <paramref name="path"/> (named by the final count, known
    /// only now) and returns the ids in row order.
    /// </summary>
    public string[] Publish(string path)
    {
        long idBytes = 0;
        Span<byte> length = stackalloc byte[2];
        foreach (var id in _ids)
        {
            var utf8 = Encoding.UTF8.GetBytes(id);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)utf8.Length);
            _stream.Write(length);
            _stream.Write(utf8);
            _hash.Append(length);
            _hash.Append(utf8);
            idBytes += 2 + utf8.Length;
        }
        Span<byte> header = stackalloc byte[VectorFile.HeaderSize];
        VectorFile.WriteHeader(header, _dimension, _ids.Count, idBytes, _hash.GetCurrentHashAsUInt64());
        _stream.Position = 0;
        _stream.Write(header);
        // On disk before the rename: after a power cut the name must not point at a file whose blocks never arrived.
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temp, path, overwrite: true);
        _published = true;
        return [.. _ids];
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (!_published) File.Delete(_temp);
    }
}
