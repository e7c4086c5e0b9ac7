using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperSearch.Web.Tests.Api;

/// <summary>What HTTP clients (curl, feed readers, generated clients) send that the app must take as meant.</summary>
public sealed class HttpDetailsTests : IDisposable
{
    private readonly PaperSearchApp _app = new(new() { ["RateLimit:Enabled"] = "false" });

    [Theory]
    [InlineData("/")]
    [InlineData("/?q=graph")]
    [InlineData("/list/cs.AI")]
    [InlineData("/status")]
    [InlineData("/feed/search?q=graph")]
    [InlineData("/feed/list/cs.AI")]
    [InlineData("/api/stats")]
    [InlineData("/api/search?q=graph")]
    public async Task Head_AnswersWhereGetDoes_WithTheSameStatusAndTypeAndNoBody(string url)
    {
        var client = _app.CreateClient();
        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/feed/list/cs.AI")]
    [InlineData("/feed/search?q=graph")]
    [InlineData("/list/cs.AI")]
    public async Task FeedsAndDailyLists_SendValidators_AndAnswer304ToAConditionalRequest(string url)
    {
        var client = _app.CreateClient();
        var first = await client.GetAsync(url);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.NotNull(first.Content.Headers.LastModified);
        // Asked again every time (a browser would otherwise reuse it unasked, e.g. in the old language after a switch).
        Assert.True(first.Headers.CacheControl?.NoCache, $"Cache-Control: {first.Headers.CacheControl}");

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(tag);
        var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        using var since = new HttpRequestMessage(HttpMethod.Get, url);
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);

        // Another representation (another URL) or a stale tag gets the whole answer.
        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0\"", isWeak: true));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        var other = await client.GetAsync(url.Contains('?') ? url + "x" : url + "+cs.LG");
        Assert.NotEqual(tag, other.Headers.ETag);
    }

    [Fact]
    public async Task AnError_CarriesNoValidators()
    {
        var bad = await _app.CreateClient().GetAsync("/feed/list/cs.NOPE");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Null(bad.Headers.ETag);
    }

    [Fact]
    public async Task ASpaceInACategoryExpression_IsAUnion_AsThePlusOfAHandTypedUrlDecodesToOne()
    {
        var client = _app.CreateClient();
        var spaced = await client.GetAsync("/api/lists/cs.AI+cs.LG".Replace("+", "%20", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, spaced.StatusCode);
        Assert.Equal("cs.AI+cs.LG", (await spaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expression").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=graph&cat=cs.AI+cs.LG")).StatusCode);
    }

    [Fact]
    public async Task AnEncodedSlashInAnOldStyleId_IsTheId()
    {
        var response = await _app.CreateClient().GetAsync("/api/papers/hep-th%2F9901001");
        // The empty store has no such paper: a 404 that names the id read, not a 400 about its form.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("hep-th/9901001", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    public void Dispose() => _app.Dispose();
}
