using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperSearch.Web.Tests.Api;

public sealed class SearchApiValidationTests : IClassFixture<SearchApiValidationTests.App>
{
    public sealed class App : IDisposable
    {
        public PaperSearchApp Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _client;

    public SearchApiValidationTests(App app) => _client = app.Factory.CreateClient();

    [Theory]
    [InlineData("/api/search?q=", "q", "empty")]
    [InlineData("/api/search?q=%20%20", "q", "empty")]
    [InlineData("/api/search?q=x&page=-1", "page", "from 1")]
    [InlineData("/api/search?q=x&page=abc", "page", "whole number")]
    [InlineData("/api/search?q=x&size=100000", "size", "from 1 to 100")]
    [InlineData("/api/search?q=x&size=0", "size", "from 1 to 100")]
    [InlineData("/api/search?q=x&cat=cs.XYZ", "cat", "Unknown category 'cs.XYZ'")]
    [InlineData("/api/search?q=x&cat=cs.AI%2B", "cat", "ends with an operator")]
    [InlineData("/api/search?q=x&from=2025-13-01", "from", "YYYY-MM-DD")]
    [InlineData("/api/search?q=x&from=2025-05-01&to=2025-04-01", "to", "empty")]
    [InlineData("/api/search?q=x&sort=stars", "sort", "relevance or date")]
    [InlineData("/api/search?q=x&mode=magic", "mode", "hybrid, bm25 or semantic")]
    [InlineData("/api/search?q=x&page=600&size=100", "page", "10,000")]
    public async Task Search_Returns400WithActionableMessage_WhenParameterIsBad(string url, string field, string expected)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(expected, problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_Returns400_WhenQueryIsTenKilobytes()
    {
        var response = await _client.GetAsync("/api/search?q=" + new string('a', 10_000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("limit is 1,000", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/papers/not-an-id")]
    [InlineData("/api/papers/2401.123456")]
    [InlineData("/api/papers/2413.01234")]
    public async Task Paper_Returns400_WhenIdIsNotAnArxivId(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("is not an arXiv id", problem.GetProperty("errors").GetProperty("id")[0].GetString());
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheSearchEndpoint()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/search", out _));
    }
}
