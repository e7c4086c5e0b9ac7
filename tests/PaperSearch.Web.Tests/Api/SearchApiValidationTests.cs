using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>Bad requests are answered alike on either store: one empty app per provider for the class.</summary>
public sealed class SearchApiValidationTests(PerStore<StoreApp> apps) : IClassFixture<PerStore<StoreApp>>
{
    public static TheoryData<string, string, string> BadParameters => new()
    {
        { "/api/search?q=", "q", "empty" },
        { "/api/search?q=%20%20", "q", "empty" },
        { "/api/search?q=x&page=-1", "page", "from 1" },
        { "/api/search?q=x&page=abc", "page", "whole number" },
        { "/api/search?q=x&size=100000", "size", "from 1 to 100" },
        { "/api/search?q=x&size=0", "size", "from 1 to 100" },
        { "/api/search?q=x&cat=cs.XYZ", "cat", "Unknown category 'cs.XYZ'" },
        { "/api/search?q=x&cat=cs.AI%2B", "cat", "ends with an operator" },
        { "/api/search?q=x&from=2025-13-01", "from", "YYYY-MM-DD" },
        { "/api/search?q=x&from=2025-05-01&to=2025-04-01", "to", "empty" },
        { "/api/search?q=x&sort=stars", "sort", "relevance or date" },
        { "/api/search?q=x&mode=magic", "mode", "hybrid, bm25 or semantic" },
        { "/api/search?q=x&page=600&size=100", "page", "10,000" },
    };

    public static TheoryData<string> BadIds => new() { "/api/papers/not-an-id", "/api/papers/2401.123456", "/api/papers/2413.01234" };

    [Theory, StoreCases(StoreKind.Sqlite, nameof(BadParameters)), StoreCases(StoreKind.Postgres, nameof(BadParameters))]
    public async Task Search_Returns400WithActionableMessage_WhenParameterIsBad(StoreKind store, string url, string field, string expected)
    {
        var response = await (await apps.GetAsync(store)).Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(expected, problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Search_Returns400_WhenQueryIsTenKilobytes(StoreKind store)
    {
        var response = await (await apps.GetAsync(store)).Client.GetAsync("/api/search?q=" + new string('a', 10_000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("limit is 1,000", problem.GetProperty("detail").GetString());
    }

    [Theory, StoreCases(StoreKind.Sqlite, nameof(BadIds)), StoreCases(StoreKind.Postgres, nameof(BadIds))]
    public async Task Paper_Returns400_WhenIdIsNotAnArxivId(StoreKind store, string url)
    {
        var response = await (await apps.GetAsync(store)).Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("is not an arXiv id", problem.GetProperty("errors").GetProperty("id")[0].GetString());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task OpenApi_DocumentListsTheSearchEndpoint(StoreKind store)
    {
        var doc = await (await apps.GetAsync(store)).Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/search", out _));
    }
}
