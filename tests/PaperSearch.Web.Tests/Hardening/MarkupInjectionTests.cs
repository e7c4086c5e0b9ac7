using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>A paper whose title and abstract carry HTML must come out as text everywhere it is shown, on either store.</summary>
public sealed class MarkupInjectionTests(PerStore<HardenedAppFixture> apps) : IClassFixture<PerStore<HardenedAppFixture>>
{
    private async Task<HttpClient> ClientAsync(StoreKind store) => (await apps.GetAsync(store)).App.CreateClient();

    [Theory]
    [SqliteStore("bm25"), SqliteStore("hybrid")]
    [PostgresStore("bm25"), PostgresStore("hybrid")]
    public async Task SearchHighlights_EncodeMarkupFromTitleAndAbstract(StoreKind store, string mode)
    {
        var response = await (await ClientAsync(store)).GetFromJsonAsync<JsonElement>($"/api/search?q=quokka&mode={mode}");
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

    [Theory]
    [SqliteStore("/?q=quokka"), SqliteStore("/paper/" + HardeningCorpus.HostileId)]
    [PostgresStore("/?q=quokka"), PostgresStore("/paper/" + HardeningCorpus.HostileId)]
    public async Task Pages_RenderMarkupFromPaperAsText(StoreKind store, string url)
    {
        var response = await (await ClientAsync(store)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("onerror=alert(1)", html); // the paper is on the page…
        Assert.DoesNotContain("<img src=x", html);  // …as text, never as a tag
        Assert.DoesNotContain("<script>alert(2)", html);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Feed_CarriesMarkupFromPaperAsPlainText(StoreKind store)
    {
        var response = await (await ClientAsync(store)).GetAsync("/feed/search?q=quokka");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var title = feed.Descendants(atom + "entry").Select(e => e.Element(atom + "title")!)
            .Single(t => t.Value.Contains("Quokka", StringComparison.Ordinal));
        Assert.Equal(HardeningCorpus.HostileTitle, title.Value);
        // type="text" (the default): a reader shows it as characters, never parses it as HTML.
        Assert.True(title.Attribute("type") is null || title.Attribute("type")!.Value == "text");
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task PaperJson_KeepsTitleAsData_InANonSniffableJsonBody(StoreKind store)
    {
        var response = await (await ClientAsync(store)).GetAsync("/api/papers/" + HardeningCorpus.HostileId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The API's JSON uses relaxed escaping (< stays <): it is inert because it is served as JSON that a
        // browser is told never to sniff as HTML. Clients that render titles must encode them (the highlights are).
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HardeningCorpus.HostileTitle, JsonDocument.Parse(raw).RootElement.GetProperty("paper").GetProperty("title").GetString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
