using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PaperSearch.Ranking.Embedding;

/// <summary>N vectors of dimension D, row-major, with the id of each row.</summary>
public sealed record EmbeddingMatrix(IReadOnlyList<string> Ids, float[] Vectors, int Dimension)
{
    public int Count => Ids.Count;
    public ReadOnlySpan<float> Row(int i) => Vectors.AsSpan(i * Dimension, Dimension);
}

/// <summary>
/// A plain on-disk format for bulk embeddings (benchmarks, evaluation caches): <c>path</c> holds raw f32
/// little-endian N×D, row-major, no header; <c>path + ".ids"</c> holds N ids, one per line (UTF-8).
/// D follows from the byte length and N. Both files are written to temp names and renamed into place.
/// </summary>
public static class EmbeddingFile
{
    public static string IdsPath(string path) => path + ".ids";

    public static void Write(string path, IReadOnlyList<string> ids, ReadOnlySpan<float> vectors, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (vectors.Length != ids.Count * dimension)
            throw new ArgumentException($"{ids.Count} ids × {dimension} = {ids.Count * dimension} floats expected, got {vectors.Length}.");
        foreach (var id in ids)
            if (id.AsSpan().IndexOfAny('\n', '\r') >= 0) throw new ArgumentException($"Id '{id}' contains a line break.");

        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tempVectors = path + ".tmp";
        var tempIds = IdsPath(path) + ".tmp";
        using (var stream = new FileStream(tempVectors, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(vectors));
            }
            else
            {
                var buffer = new byte[4];
                foreach (var v in vectors) { BinaryPrimitives.WriteSingleLittleEndian(buffer, v); stream.Write(buffer); }
            }
        }
        File.WriteAllLines(tempIds, ids);
        File.Move(tempVectors, path, overwrite: true);
        File.Move(tempIds, IdsPath(path), overwrite: true);
    }

    public static EmbeddingMatrix Read(string path)
    {
        var ids = File.ReadAllLines(IdsPath(path));
        var bytes = new FileInfo(path).Length;
        if (ids.Length == 0)
            return bytes == 0 ? new EmbeddingMatrix(ids, [], 0) : throw new InvalidDataException($"{path}: vectors but no ids.");
        if (bytes % (4L * ids.Length) != 0)
            throw new InvalidDataException($"{path}: {bytes} bytes is not {ids.Length} rows of whole f32 vectors.");
        var dimension = (int)(bytes / 4 / ids.Length);
        var vectors = new float[ids.Length * dimension];
        using (var stream = File.OpenRead(path))
            stream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            var raw = MemoryMarshal.AsBytes(vectors.AsSpan());
            for (var i = 0; i < vectors.Length; i++) vectors[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * 4, 4));
        }
        return new EmbeddingMatrix(ids, vectors, dimension);
    }
}
