using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Import;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>
/// The whole ranking path through the real app: real papers, the shipped MiniLM model, embeddings in the store,
/// the vector catalog, hybrid fusion with smooth Top-k, semantic scan, related papers.
/// </summary>
public sealed partial class HybridSearchTests : IClassFixture<HybridSearchTests.Apps>
{
    /// <summary>One loaded app per store provider, started when a test first asks for it.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        private readonly Dictionary<StoreKind, Task<App>> _apps = [];

        public Task<App> GetAsync(StoreKind store)
        {
            lock (_apps)
            {
                if (!_apps.TryGetValue(store, out var app)) _apps[store] = app = App.StartAsync(store);
                return app;
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var app in _apps.Values) (await app).Factory.Dispose();
        }
    }

    public sealed class App
    {
        private App(PaperSearchApp factory) => Factory = factory;

        public PaperSearchApp Factory { get; }
        public List<JsonElement> Papers { get; } = [];

        public static async Task<App> StartAsync(StoreKind store)
        {
            var app = new App(new(new() { ["Embedding:Model"] = "minilm", ["Embedding:MaxTokens"] = "128" }, store));
            // 120 real papers from the daily-listing corpus, written as a small .jsonl.gz the importer detects.
            var subset = Path.Combine(app.Factory.DataDir, "subset.jsonl.gz");
            await using (var output = new GZipStream(File.Create(subset), CompressionLevel.Fastest))
            await using (var writer = new StreamWriter(output))
            {
                using var reader = new StreamReader(new GZipStream(File.OpenRead(SharedData.Corpus), CompressionMode.Decompress));
                for (var i = 0; i < 120 && await reader.ReadLineAsync() is { } line; i++)
                {
                    await writer.WriteLineAsync(line);
                    app.Papers.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
            var services = app.Factory.Services;
            await services.GetRequiredService<Importer>().ImportAsync([subset]);
            await services.GetRequiredService<EmbeddingPipeline>().RunAsync();
            await services.GetRequiredService<VectorCatalog>().ReloadAsync();
            return app;
        }
    }

    private readonly Apps _apps;

    public HybridSearchTests(Apps apps) => _apps = apps;

    private async Task<(App App, HttpClient Client)> OpenAsync(StoreKind store)
    {
        var app = await _apps.GetAsync(store);
        return (app, app.Factory.CreateClient());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Search_ReranksWithEmbeddings_AndExplainsEveryHit_WhenModeIsHybrid(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var response = await client.GetFromJsonAsync<JsonElement>("/api/search?q=gaussian%20splatting%20simulation%20for%20autonomous%20driving&mode=hybrid&size=10");
        Assert.Equal("hybrid", response.GetProperty("mode").GetString());
        var hits = response.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.Equal("2503.11731", hits[0].GetProperty("id").GetString());
        var memberships = new List<double>();
        foreach (var h in hits)
        {
            var explain = h.GetProperty("explain");
            Assert.Equal(JsonValueKind.Number, explain.GetProperty("cosine").ValueKind);
            var p = explain.GetProperty("membership").GetDouble();
            Assert.InRange(p, 0, 1);
            memberships.Add(p);
            Assert.Equal(explain.GetProperty("fused").GetDouble(), h.GetProperty("score").GetDouble(), 9);
        }
        // Hits come in fused order, and membership (a monotone function of the fused score) follows it.
        Assert.Equal(memberships.OrderByDescending(p => p), memberships);
        // Status agrees: model loaded and vectors present.
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.True(stats.GetProperty("modelAvailable").GetBoolean() && stats.GetProperty("hybridRanking").GetBoolean());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Search_FindsPapersByMeaning_WhenModeIsSemantic(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var first = app.Papers[5];
        var title = first.GetProperty("title").GetString()!;
        var response = await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(title)}&mode=semantic&size=5");
        Assert.Equal("semantic", response.GetProperty("mode").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), response.GetProperty("hits")[0].GetProperty("id").GetString());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Related_ExcludesThePaperItself_AndReturnsAtMostK(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var id = app.Papers[0].GetProperty("id").GetString()!;
        var related = await client.GetFromJsonAsync<JsonElement>($"/api/papers/{id}/related?k=5");
        var ids = related.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.InRange(ids.Count, 1, 5);
        Assert.DoesNotContain(id, ids);
        Assert.All(related.EnumerateArray(), r => Assert.Equal(JsonValueKind.Number, r.GetProperty("explain").GetProperty("cosine").ValueKind));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Related_Returns400_WhenKIsOutOfRange(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var id = app.Papers[0].GetProperty("id").GetString()!;
        var response = await client.GetAsync($"/api/papers/{id}/related?k=500");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
