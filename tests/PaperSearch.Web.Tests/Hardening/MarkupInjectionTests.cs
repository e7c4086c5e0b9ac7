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
    public async Task PaperJson_KeepsTitleAsData_AndEscapesItInTheWire()
    {
        var response = await _client.GetAsync("/api/papers/" + HardeningCorpus.HostileId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        // System.Text.Json escapes < and > (\u003C): a JSON body sniffed as HTML still has no tag in it.
        Assert.DoesNotContain("<img", raw);
        Assert.Equal(HardeningCorpus.HostileTitle, JsonDocument.Parse(raw).RootElement.GetProperty("title").GetString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
