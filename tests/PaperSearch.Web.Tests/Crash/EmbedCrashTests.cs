using System.Numerics.Tensors;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Crash;

/// <summary>
/// kill -9 of the real <c>embed</c> verb (the shipped ONNX model) at a random point, then embed again: one vector per
/// paper, none twice, the second run embeds exactly what the first did not commit, and the vectors equal a clean run's.
/// </summary>
public sealed class EmbedCrashTests(EmbedCrashTests.Template template) : IClassFixture<EmbedCrashTests.Template>, IDisposable
{
    private const int Papers = 2 * EmbeddingPipeline.ChunkSize; // commits after each chunk of 128
    private const string Progress = "progress: embed";
    private readonly TempDir _dir = new("embed-crash");

    public void Dispose() => _dir.Dispose();

    /// <summary>A closed data dir with real papers and the extracted model but no vectors, and one clean run of <c>embed</c> on a copy.</summary>
    public sealed class Template : IAsyncLifetime
    {
        private readonly TempDir _dir = new("embed-template");
        public string DataDir => _dir.Sub("data");
        public string ModelId { get; private set; } = "";
        public Dictionary<string, float[]> CleanVectors { get; private set; } = [];
        public ChildOutcome Clean { get; private set; } = null!;
        public string CleanDataDir => _dir.Sub("clean");

        public async Task InitializeAsync()
        {
            var file = HardeningCorpus.Write(_dir, Papers);
            await CrashHarness.WithStoreAsync(DataDir, async store =>
            {
                await store.MigrateAsync();
                using var index = await PaperIndexWriter.OpenAsync(DataPaths.Index(DataDir), store);
                return await new Importer(store, index).ImportAsync([file]);
            });
            var model = EmbeddingModel.ForKey(EmbeddingModel.MiniLmKey)!;
            ModelFiles.Extract(DataDir, model); // once; the copies link to it
            ModelId = OnnxEmbedder.IdFor(model, int.Parse(CrashHarness.MaxTokens, System.Globalization.CultureInfo.InvariantCulture));
            var clean = CrashHarness.CopyDataDir(DataDir, CleanDataDir);
            Clean = await CrashHarness.RunCliAsync(clean, "minilm", null, "embed");
            Assert.True(Clean.Succeeded, Clean.Output);
            CleanVectors = await CrashHarness.WithStoreAsync(clean,
                store => store.StreamEmbeddingsAsync(ModelId).ToDictionaryAsync(e => e.PaperId, e => e.Vector).AsTask());
            Assert.Equal(Papers, CleanVectors.Count);
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(42)]
    public async Task Embed_EndsLikeCleanRun_WhenKilledAndRunAgain(int seed)
    {
        var data = await CrashHarness.KillAtRandomPointAsync(template.Clean, Progress, seed,
            attempt => CrashHarness.CopyDataDir(template.DataDir, _dir.Sub($"data{attempt}")), "minilm", "embed");

        var before = await Vectors(data);
        Assert.Equal(0, before.Count % EmbeddingPipeline.ChunkSize); // a chunk commits whole or not at all
        Assert.InRange(before.Count, EmbeddingPipeline.ChunkSize, Papers); // killed after the first chunk's progress line

        var rerun = await CrashHarness.RunCliAsync(data, "minilm", null, "embed");
        Assert.True(rerun.Succeeded, rerun.Output);
        Assert.Equal(Papers - before.Count, CrashHarness.Number(rerun.Stdout, "Embedded")); // only what was missing

        var after = await Vectors(data);
        Assert.Equal(Papers, after.Count);
        Assert.Equal(template.CleanVectors.Keys.Order(), after.Keys.Order());
        foreach (var (id, vector) in before) Assert.Equal(vector, after[id]); // committed vectors were kept, not redone
        foreach (var (id, vector) in after)
        {
            // Batches differ from the clean run's (other neighbours, other padding): equal up to float rounding.
            Assert.True(TensorPrimitives.CosineSimilarity(vector, template.CleanVectors[id]) > 0.9999f, id);
        }
    }

    [Fact]
    public void Embed_PublishesTheVectorFileReplicasMap_OfEveryStoredVector()
    {
        var path = new VectorFolder(DataPaths.Vectors(template.CleanDataDir), writes: false).Find(template.ModelId, Papers);

        Assert.NotNull(path);
        Assert.Contains($"Vector file published to {path}.", template.Clean.Stdout);
        // Rows, then ids: at least every stored vector's floats (VectorFile's own tests check the format).
        Assert.True(new FileInfo(path).Length > (long)Papers * template.CleanVectors.First().Value.Length * sizeof(float));
    }

    /// <summary>The stored vectors by paper, failing on any paper stored twice.</summary>
    private Task<Dictionary<string, float[]>> Vectors(string data) => CrashHarness.WithStoreAsync(data, async store =>
    {
        var rows = await store.StreamEmbeddingsAsync(template.ModelId).ToListAsync();
        Assert.Equal(rows.Count, rows.Select(r => r.PaperId).Distinct().Count());
        Assert.Equal(rows.Count, await store.CountEmbeddingsAsync(template.ModelId));
        return rows.ToDictionary(r => r.PaperId, r => r.Vector);
    });
}
