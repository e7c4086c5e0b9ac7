using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>Recommendations for a library through the real app (real papers, the shipped model, real HTTP): POST /api/recommend.</summary>
public sealed partial class HybridSearchTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> RecommendAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/recommend", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static List<string> Ids(JsonElement body) => body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();

    [Theory, SqliteStore, PostgresStore]
    public async Task Recommend_LearnsFromTheLibrary_LeavesItOut_AndExplainsEachHit(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var library = app.Papers.Take(3).Select(p => p.GetProperty("id").GetString()!).ToList();

        var (status, body) = await RecommendAsync(client, new { positives = library, k = 10 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("hybrid", body.GetProperty("model").GetString());
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(10, hits.Count);
        Assert.Empty(Ids(body).Intersect(library));
        Assert.NotEmpty(body.GetProperty("terms").EnumerateArray());
        Assert.All(hits, h =>
        {
            var because = h.GetProperty("because").EnumerateArray().ToList();
            Assert.InRange(because.Count, 1, 2);
            Assert.All(because, b => Assert.Contains(b.GetProperty("id").GetString(), library));
            Assert.False(string.IsNullOrEmpty(because[0].GetProperty("title").GetString()));
            Assert.InRange(h.GetProperty("membership").GetDouble(), 0, 1);
        });
        var scores = hits.Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        // Membership is calibrated against k: the best hit is surer than the last one.
        Assert.True(hits[0].GetProperty("membership").GetDouble() >= hits[^1].GetProperty("membership").GetDouble());
    }

    [Theory, SqliteStore]
    public async Task Recommend_LeavesOutDismissedPapers_AndTheyPushTheModelAway(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var library = app.Papers.Skip(10).Take(4).Select(p => p.GetProperty("id").GetString()!).ToList();
        var (_, before) = await RecommendAsync(client, new { positives = library, k = 20 });
        var top = Ids(before).Take(3).ToList();

        var (status, after) = await RecommendAsync(client, new { positives = library, negatives = top, k = 20 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(Ids(after).Intersect(top));
        Assert.NotEqual(Ids(before).Skip(3).ToList(), Ids(after));
    }

    [Theory, SqliteStore]
    public async Task Recommend_ForOnePaper_IsThatPapersRelatedList(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var id = app.Papers[5].GetProperty("id").GetString()!;

        var (_, body) = await RecommendAsync(client, new { positives = new[] { id }, k = 5 });
        var related = await client.PostAsJsonAsync("/api/related", new { ids = new[] { id }, k = 5 });
        var relatedIds = Ids(await related.Content.ReadFromJsonAsync<JsonElement>());

        Assert.Equal("related", body.GetProperty("model").GetString());
        Assert.Equal(relatedIds, Ids(body));
        Assert.Contains(body.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("one paper"));
    }

    [Theory, SqliteStore]
    public async Task Recommend_WithCandidates_OrdersExactlyThose(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var library = app.Papers.Take(3).Select(p => p.GetProperty("id").GetString()!).ToList();
        var page = app.Papers.Skip(40).Take(30).Select(p => p.GetProperty("id").GetString()!).Append(library[0]).ToList();

        var (status, body) = await RecommendAsync(client, new { positives = library, candidates = page });

        Assert.Equal(HttpStatusCode.OK, status);
        var ordered = Ids(body);
        Assert.Equal(page.Except(library).Order(), ordered.Order());
        Assert.NotEqual(page.Except(library), ordered); // a real reordering, not the page's own order
    }

    [Theory, SqliteStore]
    public async Task Recommend_ReportsUnknownIds_AndRejectsBadRequestsWithMessages(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var known = app.Papers.Take(2).Select(p => p.GetProperty("id").GetString()!).ToList();

        var (status, body) = await RecommendAsync(client, new { positives = known.Append("2612.99999").ToList(), k = 3 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["2612.99999"], body.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()));

        var (empty, emptyBody) = await RecommendAsync(client, new { positives = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("positives", emptyBody.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var (badK, badKBody) = await RecommendAsync(client, new { positives = known, k = 1000 });
        Assert.Equal(HttpStatusCode.BadRequest, badK);
        Assert.Contains("1 to 100", badKBody.GetProperty("detail").GetString());

        var (badCat, _) = await RecommendAsync(client, new { positives = known, cat = "cs.AI+(" });
        Assert.Equal(HttpStatusCode.BadRequest, badCat);

        var broken = await client.PostAsync("/api/recommend", new StringContent("{\"positives\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var text = await client.PostAsync("/api/recommend", new StringContent("2401.06769", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        var huge = await client.PostAsync("/api/recommend", new StringContent(new string(' ', 300_000), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Theory, SqliteStore]
    public async Task Recommend_HonoursTheCategoryFilter(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var library = app.Papers.Take(3).Select(p => p.GetProperty("id").GetString()!).ToList();

        var (status, body) = await RecommendAsync(client, new { positives = library, cat = "cs.CV", k = 10 });

        Assert.Equal(HttpStatusCode.OK, status);
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(h.GetProperty("categories").EnumerateArray(), c => c.GetString()!.StartsWith("cs.CV")));
    }
}
