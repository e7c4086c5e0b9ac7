using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>A paper whose title and abstract carry HTML must come out as text everywhere it is shown.</summary>
public sealed class MarkupInjectionTests(HardenedAppFixture fixture) : IClassFixture<HardenedAppFixture>
{
    private readonly HttpClient _client = fixture.App.CreateClient();

    [Theory]
    [InlineData("bm25")]
    [InlineData("hybrid")]
    public async Task SearchHighlights_EncodeMarkupFromTitleAndAbstract(string mode)
    {
        var response = await _client.GetFromJsonAsync<JsonElement>($"/api/search?q=quokka&mode={mode}");
        var hit = response.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == HardeningCorpus.HostileId);
        var title = hit.GetProperty("highlights").GetProperty("title").GetString()!;
        var summary = hit.GetProperty("highlights").GetProperty("abstract").GetString()!;
        Assert.Contains("<mark>", title); // the highlighter ran: its own markup is the only markup
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", title);
        Assert.Contains("&lt;script&gt;", summary);
        foreach (var html in new[] { title, summary })
        {
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("<script", html);
        }
    }

    [Fact]
    public async Task PaperJson_KeepsTitleAsData_InANonSniffableJsonBody()
    {
        var response = await _client.GetAsync("/api/papers/" + HardeningCorpus.HostileId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The API's JSON uses relaxed escaping (< stays <): it is inert because it is served as JSON that a
        // browser is told never to sniff as HTML. Clients that render titles must encode them (the highlights are).
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HardeningCorpus.HostileTitle, JsonDocument.Parse(raw).RootElement.GetProperty("paper").GetProperty("title").GetString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
