using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Import;
using PaperSearch.TestSupport;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Tests.Api;

/// <summary>
/// Hybrid ranking while only part of the corpus has vectors (every instance while embed runs, and every night between
/// harvest and embed): 150 real papers embedded, then 150 newer ones imported without vectors.
/// </summary>
public sealed class PartialVectorsTests(PartialVectorsTests.App app) : IClassFixture<PartialVectorsTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public PaperSearchApp Factory { get; } = new(new()
        {
            ["Embedding:Model"] = "minilm", ["Embedding:MaxTokens"] = "128",
            ["RateLimit:Enabled"] = "false", // dozens of searches per test, from one client
        }, StoreKind.Sqlite);
        public List<(string Id, string Title)> Embedded { get; } = [];
        public List<(string Id, string Title)> Unembedded { get; } = [];
        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var services = Factory.Services;
            var lines = ReadLines(300);
            await services.GetRequiredService<Importer>().ImportAsync([Write("first.jsonl.gz", lines[..150], Embedded)]);
            await services.GetRequiredService<EmbeddingPipeline>().RunAsync();
            await services.GetRequiredService<Importer>().ImportAsync([Write("second.jsonl.gz", lines[150..], Unembedded)]);
            await services.GetRequiredService<VectorCatalog>().ReloadAsync();
            Client = Factory.CreateClient();
        }

        private static string[] ReadLines(int n)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(SharedData.Corpus), CompressionMode.Decompress));
            var lines = new List<string>();
            while (lines.Count < n && reader.ReadLine() is { } line) lines.Add(line);
            return [.. lines];
        }

        private string Write(string name, string[] lines, List<(string, string)> papers)
        {
            var path = Path.Combine(Factory.DataDir, name);
            using var output = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest));
            foreach (var line in lines)
            {
                output.WriteLine(line);
                var e = JsonDocument.Parse(line).RootElement;
                papers.Add((e.GetProperty("id").GetString()!, e.GetProperty("title").GetString()!));
            }
            return path;
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private async Task<JsonElement> Search(string query, string mode, int size = 20, int page = 1, string extra = "") =>
        await app.Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&mode={mode}&size={size}&page={page}{extra}");

    private static List<string> Ids(JsonElement response) =>
        response.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Hybrid_KeepsBm25OrderAmongPapersWithoutVectors_AndExplainsTheirPlacement()
    {
        foreach (var query in new[] { "learning models", "language model reasoning", "image segmentation" })
        {
            var hybrid = await Search(query, "hybrid", size: 100);
            Assert.Equal("hybrid", hybrid.GetProperty("mode").GetString());
            var hits = hybrid.GetProperty("hits").EnumerateArray().ToList();
            var missing = hits.Where(h => h.GetProperty("explain").GetProperty("cosine").ValueKind == JsonValueKind.Null).ToList();
            Assert.True(missing.Count > 5 && missing.Count < hits.Count, $"'{query}': both kinds among the hits ({missing.Count} of {hits.Count} without vectors)");
            // The candidate pool is BM25's top 200: their BM25 order, restricted to the papers without vectors.
            var bm25Order = Ids(await Search(query, "bm25", size: 100)).Concat(Ids(await Search(query, "bm25", size: 100, page: 2))).ToList();
            var missingIds = missing.Select(h => h.GetProperty("id").GetString()!).ToList();
            Assert.Equal(bm25Order.Where(missingIds.Contains), missingIds);
            foreach (var h in missing)
            {
                var explain = h.GetProperty("explain");
                Assert.Equal(SearchService.MissingVectorPlacement, explain.GetProperty("placement").GetString());
                // The fused score is recomputable from the parts the explanation shows.
                var alpha = explain.GetProperty("alpha").GetDouble();
                Assert.Equal(explain.GetProperty("fused").GetDouble(),
                    alpha * explain.GetProperty("cosineNorm").GetDouble() + (1 - alpha) * explain.GetProperty("bm25Norm").GetDouble(), 9);
            }
        }
    }

    [Fact]
    public async Task Hybrid_PutsExactTitleFirst_WithOrWithoutAVector()
    {
        var misses = new List<string>();
        foreach (var (id, title) in app.Embedded.Take(15).Concat(app.Unembedded.Take(15)))
            foreach (var mode in new[] { "hybrid", "semantic", "bm25" })
            {
                var first = Ids(await Search(title, mode, size: 5)).FirstOrDefault();
                if (first != id) misses.Add($"{mode}: '{title}' → {first} (want {id})");
            }
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Fact]
    public async Task Hybrid_NeverRepeatsAPaper_AcrossPagesPastThePool()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 15; page++) seen.AddRange(Ids(await Search("model learning data results method", "hybrid", size: 20, page: page)));
        Assert.True(seen.Count > 200, $"the query should reach past the 200-candidate pool ({seen.Count} hits)");
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Semantic_SaysWhatItCannotDo_AndCountsRealTotals()
    {
        var response = await Search("graph neural networks", "semantic");
        Assert.Equal("semantic", response.GetProperty("mode").GetString());
        Assert.Contains("150 of 300", response.GetProperty("notice").GetString());
        Assert.InRange(response.GetProperty("total").GetInt64(), 140, 150); // the papers with vectors (withdrawn ones excluded)

        var operators = await Search("graph -neural ti:networks", "semantic");
        Assert.Contains("does not apply", operators.GetProperty("notice").GetString());
        Assert.Contains("exclusions", operators.GetProperty("notice").GetString());

        var onlyNew = await Search("graph", "semantic", extra: "&cat=" + Uri.EscapeDataString(OnlyUnembeddedCategory()));
        Assert.Equal(0, onlyNew.GetProperty("total").GetInt64());
        Assert.Contains("has a vector yet", onlyNew.GetProperty("notice").GetString());
    }

    /// <summary>A category some unembedded paper has and no embedded paper has (the corpus has many small ones).</summary>
    private string OnlyUnembeddedCategory()
    {
        using var scope = app.Factory.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<PaperSearch.Indexer.Store.PaperStore>();
        var embedded = store.GetManyAsync(app.Embedded.Select(p => p.Id).ToList()).Result.SelectMany(p => p.Categories).ToHashSet();
        return store.GetManyAsync(app.Unembedded.Select(p => p.Id).ToList()).Result.SelectMany(p => p.Categories).First(c => !embedded.Contains(c));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 8)]
    [InlineData(3, 5)]
    public async Task Recommend_ForALibraryPartlyOrNotAtAllEmbedded_Answers_AndExplainsWithTheEmbeddedPapers(int embedded, int unembedded)
    {
        // A reader stars papers whatever the embedding job has reached: the For-you page once answered such a library with a 500.
        var library = app.Embedded.Take(embedded).Concat(app.Unembedded.Take(unembedded)).Select(p => p.Id).ToList();
        using var response = await app.Client.PostAsJsonAsync("/api/recommend", new { positives = library, k = 10 });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var hits = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.DoesNotContain(hits, h => library.Contains(h.GetProperty("id").GetString()!));
        var becauseIds = hits.SelectMany(h => h.GetProperty("because").EnumerateArray()).Select(b => b.GetProperty("id").GetString()!).ToHashSet();
        Assert.Subset(app.Embedded.Take(embedded).Select(p => p.Id).ToHashSet(), becauseIds);
    }
}
