using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using PaperSearch.Ranking.Simd;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// The f32 rows of one catalog snapshot, outside the GC heap: a read-only mapping of a published vector file, or (the
/// fallback of a replica that finds no file) native memory. Reference-counted, because searches read rows through a raw
/// pointer: a reload swaps snapshots while searches may still be reading the old one, so the mapping is unmapped (or
/// the memory freed) only when the snapshot's owner and the last reader have let go (Lucene's SearcherManager pattern).
/// </summary>
internal sealed unsafe class VectorBlock
{
    private readonly float* _data;
    private readonly Action _free;
    private int _references = 1; // the snapshot's own

    private VectorBlock(float* data, int count, int dimension, Action free, bool writable)
    {
        _data = data;
        (_free, Writable) = (free, writable);
        Rows = new FloatRows(data, count, dimension);
    }

    /// <summary>Valid between a successful <see cref="TryAcquire"/> and its <see cref="Release"/>.</summary>
    public FloatRows Rows { get; private set; }

    /// <summary>Keeps only the first <paramref name="count"/> rows visible (an allocation that was filled short).</summary>
    public void Truncate(int count)
    {
        if (count < 0 || count > Rows.Count) throw new ArgumentOutOfRangeException(nameof(count));
        Rows = new FloatRows(_data, count, Rows.Dimension);
    }

    private bool Writable { get; }

    /// <summary>Rows at <paramref name="offset"/> bytes into a read-only view of a mapped file; both are disposed with the block.</summary>
    public static VectorBlock Map(MemoryMappedFile file, MemoryMappedViewAccessor view, long offset, int count, int dimension)
    {
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        void Unmap()
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file.Dispose();
        }
        return new VectorBlock((float*)(start + view.PointerOffset + offset), count, dimension, Unmap, writable: false);
    }

    /// <summary><paramref name="count"/> zeroed rows in native memory (64-byte aligned, like a mapped file's rows).</summary>
    public static VectorBlock Allocate(int count, int dimension)
    {
        var bytes = (nuint)count * (nuint)dimension * sizeof(float);
        var data = (float*)NativeMemory.AlignedAlloc(Math.Max(bytes, 1), 64);
        NativeMemory.Clear(data, bytes);
        return new VectorBlock(data, count, dimension, () => NativeMemory.AlignedFree(data), writable: true);
    }

    /// <summary>Row <paramref name="row"/> to fill, for a block made by <see cref="Allocate"/> only (a mapping is read-only).</summary>
    public Span<float> RowToWrite(int row)
    {
        if (!Writable) throw new InvalidOperationException("A mapped vector file is read-only.");
        if ((uint)row >= (uint)Rows.Count) throw new ArgumentOutOfRangeException(nameof(row));
        return new Span<float>(_data + (long)row * Rows.Dimension, Rows.Dimension);
    }

    /// <summary>Takes a reference unless the block was already released for good (then the caller reads the new snapshot).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var seen = Volatile.Read(ref _references);
            if (seen == 0) return false;
            if (Interlocked.CompareExchange(ref _references, seen + 1, seen) == seen) return true;
        }
    }

    /// <summary>Drops a reference; the last one unmaps the file or frees the memory.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0) _free();
        else if (left < 0) throw new InvalidOperationException("A vector block was released more often than acquired.");
    }
}
