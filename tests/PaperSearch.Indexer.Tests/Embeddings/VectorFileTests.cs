using PaperSearch.Indexer.Embeddings;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Embeddings;

/// <summary>The published vector file on disk: round trip, atomic replace, and refusal of damaged files.</summary>
public sealed class VectorFileTests : IDisposable
{
    private const int D = 16;
    private readonly TempDir _dir = new("vector-file");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_GivesBackEveryRowAndId_WhenReopened()
    {
        var (ids, rows) = Rows(1_000, seed: 1);
        var path = Write(ids, rows);
        var batches = 0;

        var opened = VectorFile.Read(path, D, (_, n) => batches += n);

        Assert.Equal(ids, opened.Ids);
        Assert.Equal(1_000, batches);
        Assert.True(opened.Rows.TryAcquire());
        for (var i = 0; i < ids.Length; i++) Assert.Equal(rows[i], opened.Rows.Rows.Row(i).ToArray());
        opened.Rows.Release();
        opened.Rows.Release(); // the owner's reference: unmapped now
        Assert.False(opened.Rows.TryAcquire());
    }

    [Fact]
    public void Publish_ReplacesTheFileWhole_WhileAReaderStillMapsTheOldOne()
    {
        var (oldIds, oldRows) = Rows(300, seed: 2);
        var (newIds, newRows) = Rows(500, seed: 3);
        var path = Write(oldIds, oldRows);
        var before = VectorFile.Read(path, D);

        Write(newIds, newRows, path);
        var after = VectorFile.Read(path, D);

        Assert.Equal(oldRows[299], before.Rows.Rows.Row(299).ToArray()); // the old inode, still mapped
        Assert.Equal(newIds, after.Ids);
        Assert.Equal(newRows[499], after.Rows.Rows.Row(499).ToArray());
        Assert.Equal([path], Directory.GetFiles(_dir.Path)); // no temporary file left behind
        before.Rows.Release();
        after.Rows.Release();
    }

    [Fact]
    public void Read_RefusesTheFile_WhenTruncated()
    {
        var (ids, rows) = Rows(200, seed: 4);
        var path = Write(ids, rows);
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(stream.Length - 100);

        var error = Assert.Throws<InvalidDataException>(() => VectorFile.Read(path, D));

        Assert.Contains("truncated", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Read_RefusesTheFile_WhenARowIsDamaged()
    {
        var (ids, rows) = Rows(200, seed: 5);
        var path = Write(ids, rows);
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.Position = VectorFile.HeaderSize + 77 * D * sizeof(float) + 5;
            var b = stream.ReadByte();
            stream.Position--;
            stream.WriteByte((byte)(b ^ 0x40));
        }

        var error = Assert.Throws<InvalidDataException>(() => VectorFile.Read(path, D));

        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void Read_RefusesTheFile_WhenItsDimensionIsNotTheModels()
    {
        var (ids, rows) = Rows(10, seed: 6);
        var path = Write(ids, rows);

        var error = Assert.Throws<InvalidDataException>(() => VectorFile.Read(path, D * 2));

        Assert.Contains("16 dimensions", error.Message);
    }

    [Fact]
    public void Dispose_DeletesTheTemporaryFile_WhenNotPublished()
    {
        using (var writer = new VectorFileWriter(_dir.Sub("next.tmp-1"), D)) writer.Add("2501.00001", new float[D]);

        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    private string Write(string[] ids, float[][] rows, string? path = null)
    {
        path ??= _dir.Sub("n-test.f32v");
        using var writer = new VectorFileWriter(_dir.Sub($"next.tmp-{Guid.NewGuid():N}"), D);
        for (var i = 0; i < ids.Length; i++) writer.Add(ids[i], rows[i]);
        writer.Publish(path);
        return path;
    }

    private static (string[] Ids, float[][] Rows) Rows(int n, int seed)
    {
        var rng = new Random(seed);
        return (Enumerable.Range(0, n).Select(i => $"2501.{i:D5}").ToArray(),
            Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, D).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray());
    }
}
