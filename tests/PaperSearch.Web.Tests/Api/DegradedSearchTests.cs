using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>No embedding model: hybrid and semantic requests are answered in BM25 order, never with an error.</summary>
public sealed class DegradedSearchTests
{
    [Theory]
    [SqliteStore("hybrid"), SqliteStore("semantic")]
    [PostgresStore("hybrid")]
    public async Task Search_FallsBackToBm25_WhenNoModelIsAvailable(StoreKind kind, string mode)
    {
        using var app = new PaperSearchApp(store: kind);
        var client = app.CreateClient();
        var store = app.Services.GetRequiredService<PaperStore>();
        await store.UpsertAsync([
            new Paper { Id = "2501.00001", Title = "Sparse attention for long documents", Abstract = "We study sparse attention.", Categories = ["cs.CL"] },
            new Paper { Id = "2501.00002", Title = "Protein folding with diffusion", Abstract = "Diffusion models fold proteins.", Categories = ["q-bio.BM"] },
        ]);
        await app.Services.GetRequiredService<PaperSearch.Indexer.Index.PaperIndexWriter>().CatchUpAsync();

        var response = await client.GetFromJsonAsync<JsonElement>($"/api/search?q=sparse%20attention&mode={mode}");
        Assert.Equal("bm25", response.GetProperty("mode").GetString());
        Assert.Equal("2501.00001", response.GetProperty("hits")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("hits")[0].GetProperty("explain").GetProperty("cosine").ValueKind);

        // Only stop words: nothing matches (not the whole corpus), and the answer says why.
        var common = await client.GetFromJsonAsync<JsonElement>($"/api/search?q=the%20of&mode={mode}");
        Assert.Equal(0, common.GetProperty("total").GetInt64());
        Assert.Contains("very common words", common.GetProperty("notice").GetString());
        Assert.False(common.GetProperty("partial").GetBoolean());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Paper_Returns404Problem_WhenIdIsValidButAbsent(StoreKind store)
    {
        using var app = new PaperSearchApp(store: store);
        var response = await app.CreateClient().GetAsync("/api/papers/2401.6769v2");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2401.06769", problem.GetProperty("detail").GetString());
    }

    [Theory, SqliteStore]
    public async Task Recommend_FallsBackToKeywords_WhenNoModelIsAvailable_AndSaysSo(StoreKind kind)
    {
        using var app = new PaperSearchApp(store: kind);
        var store = app.Services.GetRequiredService<PaperStore>();
        await store.UpsertAsync([
            new Paper { Id = "2501.00001", Title = "Sparse attention for long documents", Abstract = "We study sparse attention in transformers.", Categories = ["cs.CL"] },
            new Paper { Id = "2501.00002", Title = "Sparse attention kernels", Abstract = "Fast sparse attention kernels for transformers.", Categories = ["cs.CL"] },
            new Paper { Id = "2501.00003", Title = "Linear attention for transformers", Abstract = "Attention in linear time for long transformers.", Categories = ["cs.LG"] },
            new Paper { Id = "2501.00004", Title = "Protein folding with diffusion", Abstract = "Diffusion models fold proteins.", Categories = ["q-bio.BM"] },
        ]);
        await app.Services.GetRequiredService<PaperSearch.Indexer.Index.PaperIndexWriter>().CatchUpAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/recommend", new { positives = new[] { "2501.00001", "2501.00002" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("keywords", body.GetProperty("model").GetString());
        Assert.Equal("2501.00003", body.GetProperty("hits")[0].GetProperty("id").GetString());
        Assert.Contains(body.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("keywords"));
    }
}
