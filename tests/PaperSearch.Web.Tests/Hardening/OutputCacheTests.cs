using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>
/// Feeds and daily lists are served from the output cache while nothing changes, and never outlive a change: a paper
/// indexed after the first request is in the next answer, well inside the cache's expiry.
/// </summary>
public sealed class OutputCacheTests : IDisposable
{
    private static readonly DateOnly Day = new(2025, 3, 18);
    private readonly PaperSearchApp _app = new(new() { ["RateLimit:Enabled"] = "false" });

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/api/lists/cs.CL?date=2025-03-18")]
    [InlineData("/feed/list/cs.CL?date=2025-03-18")]
    [InlineData("/feed/search?q=parsing")]
    public async Task CachedAnswer_IsReused_ThenReplaced_WhenIndexChanges(string url)
    {
        await AddAsync(Paper("2503.20001", "Parsing with pointer networks"));
        var client = _app.CreateClient();

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age); // served from the cache
        Assert.Equal(["2503.20001"], await IdsAsync(second));

        await AddAsync(Paper("2503.20002", "Parsing by chart induction"));
        using var third = await client.GetAsync(url);

        Assert.Null(third.Headers.Age); // computed anew, not the five-minute-old entry
        Assert.Equal(["2503.20001", "2503.20002"], (await IdsAsync(third)).Order());
    }

    private static Paper Paper(string id, string title) => new()
    {
        Id = id, Title = title, Abstract = "We study parsing.", Authors = ["Ann Bell"], Categories = ["cs.CL"], ListingDate = Day,
    };

    private async Task AddAsync(Paper paper)
    {
        await _app.Services.GetRequiredService<PaperStore>().UpsertAsync([paper]);
        await _app.Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync();
    }

    private static async Task<IEnumerable<string>> IdsAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return [.. body.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
        }
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. feed.Descendants(atom + "entry").Select(e => e.Element(atom + "id")!.Value.Split("/abs/")[^1])];
    }
}
