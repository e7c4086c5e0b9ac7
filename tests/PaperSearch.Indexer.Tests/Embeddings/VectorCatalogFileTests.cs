using System.Numerics.Tensors;
using Microsoft.Extensions.Logging.Abstractions;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Embeddings;

/// <summary>
/// The catalog over published vector files, with the real model's id and width, a real SQLite store and real files: the
/// writer publishes, a read-only replica over the same data dir serves the same neighbours from the same file, a damaged
/// file is refused and rebuilt, and a replica with no file yet falls back to process memory.
/// </summary>
public sealed class VectorCatalogFileTests(MiniLmFixture model) : IClassFixture<MiniLmFixture>, IDisposable
{
    private const int Papers = 3_000;
    private readonly TempDir _dir = new("vector-catalog");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Nearest_IsTheWritersAnswer_WhenAReadOnlyReplicaMapsTheSameFile()
    {
        var store = await StoreWithVectorsAsync(Papers);
        var writer = Catalog(store, writes: true);
        await writer.ReloadAsync();
        var published = Directory.GetFiles(_dir.Sub("vectors"), "*", SearchOption.AllDirectories);
        ReadOnly(_dir.Sub("vectors"));
        try
        {
            var replica = Catalog(store, writes: false);
            await replica.ReloadAsync();

            Assert.NotNull(writer.ServedFile);
            Assert.Equal(writer.ServedFile, replica.ServedFile);
            Assert.Equal(16, replica.Rank); // compressed: codes from the file, rescoring from the mapping
            Assert.Equal(published, Directory.GetFiles(_dir.Sub("vectors"), "*", SearchOption.AllDirectories));
            foreach (var query in Queries(20)) Assert.Equal(writer.Nearest(query, 10), replica.Nearest(query, 10));
            var ids = writer.Sample(50, seed: 3);
            Assert.Equal(writer.Cosines(Queries(1)[0], ids), replica.Cosines(Queries(1)[0], ids));
            Assert.Equal(writer.FeaturesOf(ids).Rows, replica.FeaturesOf(ids).Rows);
        }
        finally { Writable(_dir.Sub("vectors")); }
    }

    [Fact]
    public async Task ReloadAsync_RebuildsTheFile_WhenThePublishedOneIsTruncated()
    {
        var store = await StoreWithVectorsAsync(Papers);
        var first = Catalog(store, writes: true);
        await first.ReloadAsync();
        var expected = Queries(5).Select(q => first.Nearest(q, 10)).ToList();
        using (var stream = new FileStream(first.ServedFile!, FileMode.Open)) stream.SetLength(stream.Length / 2);

        var restarted = Catalog(store, writes: true);
        await restarted.ReloadAsync();

        Assert.Equal(Papers, restarted.Count);
        Assert.Equal(Papers, VectorFile.Read(restarted.ServedFile!, model.Embedder.Dimension).Ids.Length);
        Assert.Equal(expected, Queries(5).Select(q => restarted.Nearest(q, 10)).ToList());
    }

    [Fact]
    public async Task ReloadIfChangedAsync_MapsTheNewFile_WhenTheWriterPublishedMoreVectors()
    {
        var store = await StoreWithVectorsAsync(Papers);
        var writer = Catalog(store, writes: true);
        var replica = Catalog(store, writes: false);
        await writer.ReloadAsync();
        await replica.ReloadAsync();
        var firstFile = writer.ServedFile;

        await AddVectorsAsync(store, Papers, 500);
        Assert.True(await replica.ReloadIfChangedAsync()); // nothing new published yet: keeps what it has
        Assert.Equal((Papers, firstFile), (replica.Count, replica.ServedFile));
        await writer.ReloadIfChangedAsync();
        await replica.ReloadIfChangedAsync();
        await AddVectorsAsync(store, Papers + 500, 500);
        await writer.ReloadIfChangedAsync();

        Assert.Equal(Papers + 500, replica.Count);
        Assert.NotEqual(firstFile, replica.ServedFile);
        // The writer keeps the current file and the one before (the replica maps it); the first is swept.
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(firstFile)!, "*.f32v").Length);
        Assert.False(File.Exists(firstFile));
        foreach (var query in Queries(5)) Assert.Equal(10, replica.Nearest(query, 10).Count);
    }

    [Fact]
    public async Task ReloadAsync_LoadsIntoProcessMemory_WhenAReplicaFindsNoFile()
    {
        var store = await StoreWithVectorsAsync(Papers);
        await new CompressionFitter(store).FitAsync(model.Embedder.ModelId, 16); // what the indexer's night leaves
        var replica = Catalog(store, writes: false);
        var writer = Catalog(store, writes: true);

        await replica.ReloadAsync();
        await writer.ReloadAsync();

        Assert.Null(replica.ServedFile);
        Assert.Equal(Papers, replica.Count);
        foreach (var query in Queries(10)) Assert.Equal(writer.Nearest(query, 10), replica.Nearest(query, 10));
    }

    private VectorCatalog Catalog(PaperStore store, bool writes) =>
        new(store, model.Embedder, Microsoft.Extensions.Options.Options.Create(
                new SemanticOptions { Rank = 16, CompressAbove = 1_000, RescoreCandidates = 200, RefitOnLoad = writes }),
            NullLogger<VectorCatalog>.Instance, new VectorFolder(_dir.Sub("vectors"), writes));

    private async Task<PaperStore> StoreWithVectorsAsync(int n)
    {
        var store = PaperStore.Open(_dir.Sub("store"));
        await store.MigrateAsync();
        await AddVectorsAsync(store, 0, n);
        return store;
    }

    private async Task AddVectorsAsync(PaperStore store, int first, int n)
    {
        var ids = Enumerable.Range(first, n).Select(i => $"2501.{i:D5}").ToList();
        await store.UpsertAsync(ids.Select(id => Make(id)).ToList());
        await store.UpsertEmbeddingsAsync(model.Embedder.ModelId, ids.Select((id, i) => (id, Vector(first + i))).ToList());
    }

    /// <summary>Unit vectors around 40 centres (so PCA has structure to find), deterministic per index.</summary>
    private float[] Vector(int i, int salt = 0)
    {
        var d = model.Embedder.Dimension;
        var centre = new Random(i % 40);
        var noise = new Random(i * 31 + salt);
        var v = Enumerable.Range(0, d).Select(t => (float)(centre.NextDouble() - 0.5 + 0.3 * (noise.NextDouble() - 0.5) / (1 + t / 8.0))).ToArray();
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private float[][] Queries(int n) => Enumerable.Range(0, n).Select(i => Vector(i * 7, salt: 99)).ToArray();

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void ReadOnly(string root)
    {
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, UnixFileMode.UserRead);
        foreach (var dir in Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Append(root))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Writable(string root)
    {
        foreach (var dir in Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Append(root))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
