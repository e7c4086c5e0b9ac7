using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

[Collection(E2ECollection.Name)]
public sealed class FeedTests(E2EApp app)
{
    private async Task<SyndicationFeed> LoadAsync(string url)
    {
        using var response = await app.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(stream);
        Assert.True(new Atom10FeedFormatter().CanRead(reader), "not an Atom 1.0 document");
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public async Task SearchFeed_IsAtomWithNewestFirst_WhenQueryIsGood()
    {
        var feed = await LoadAsync("feed/search?q=segmentation");
        var items = feed.Items.ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.StartsWith("https://arxiv.org/abs/", i.Id));
        Assert.Equal(items.Select(i => i.LastUpdatedTime).OrderByDescending(t => t), items.Select(i => i.LastUpdatedTime));
        Assert.StartsWith(app.BaseUrl + "/paper/", items[0].Links[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task ListFeed_HasTheListsPapers_WhenExpressionIsGood()
    {
        var day = TestCorpus.Days[1];
        var feed = await LoadAsync($"feed/list/cs.AI+cs.LG-cs.CY?date={day:yyyy-MM-dd}");
        var expected = app.Corpus.Papers.Where(p => p.Day == day && (p.Categories.Contains("cs.AI") || p.Categories.Contains("cs.LG")) && !p.Categories.Contains("cs.CY"))
            .Select(p => "https://arxiv.org/abs/" + p.Id).ToHashSet();
        Assert.Equal(expected, feed.Items.Select(i => i.Id).ToHashSet());
    }

    [Theory]
    [InlineData("feed/search?q=")]
    [InlineData("feed/search?q=x&cat=cs.XYZ")]
    [InlineData("feed/list/cs.XYZ")]
    [InlineData("feed/list/cs.CL?date=yesterday")]
    public async Task Feed_Answers400ProblemDetails_WhenParameterIsBad(string url)
    {
        using var response = await app.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_LinkTheirFeeds_WhenShowingResults()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/?q=segmentation&cat=cs.CV");
        await Expect(page.Locator("link[rel=alternate][type='application/atom+xml']"))
            .ToHaveAttributeAsync("href", "/feed/search?q=segmentation&cat=cs.CV");
        await page.GotoAsync("/list/cs.AI+cs.LG");
        await Expect(page.Locator("link[rel=alternate][type='application/atom+xml']")).ToHaveAttributeAsync("href", "/feed/list/cs.AI+cs.LG");
        await LoadAsync("feed/list/cs.AI+cs.LG");
    }
}
