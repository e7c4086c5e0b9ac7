using System.Net;
using AngleSharp.Html.Parser;
using PaperSearch.Web.Exports;

namespace PaperSearch.Web.Tests.Exports;

/// <summary>The "Export: BibTeX · RIS" links the pages draw lead to downloads of what the page shows.</summary>
public sealed class ExportLinksTests(ExportApp app) : IClassFixture<ExportApp>
{
    [Theory]
    [InlineData("/paper/" + ExportApp.FirstId, "/api/papers/" + ExportApp.FirstId + "/cite?format=")]
    [InlineData("/?q=learning+models&page=2", ExportUrls.SearchPath + "?q=learning%20models&page=2&format=")]
    [InlineData("/list/cs.CV?date=" + ExportApp.FirstDay, "/api/lists/cs.CV/export?date=" + ExportApp.FirstDay + "&format=")]
    public async Task Page_LinksEveryFormatsDownload_AndEachLinkDownloadsThatFormat(string page, string expectedPrefix)
    {
        var html = await app.Client.GetStringAsync(page);
        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll(".export-links a");

        Assert.Equal(ExportFormat.All.Select(f => expectedPrefix + f.Name), links.Select(a => a.GetAttribute("href")));
        foreach (var link in links)
        {
            using var response = await app.Client.GetAsync(link.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(link.GetAttribute("type"), response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        }
    }

    [Fact]
    public async Task ListPage_ExportHoldsEveryPaperTheListShows()
    {
        // The list is paged (40 cards a page, a "more" link to the next): the export covers the whole day, every page of it.
        var parser = new HtmlParser();
        var document = parser.ParseDocument(await app.Client.GetStringAsync("/list/cs.CV?date=" + ExportApp.FirstDay));
        var risHref = document.QuerySelectorAll(".export-links a").Single(a => a.TextContent == "RIS").GetAttribute("href")!;
        var shown = new List<string?>();
        var pages = 0;
        while (true)
        {
            pages++;
            shown.AddRange(document.QuerySelectorAll("article.card[data-paper]").Select(c => c.GetAttribute("data-paper")));
            var more = document.QuerySelector("[data-list-more]")?.GetAttribute("href");
            if (more is null) break;
            document = parser.ParseDocument(await app.Client.GetStringAsync(more));
        }

        var records = RisReader.Read(await app.Client.GetStringAsync(risHref));

        Assert.True(pages > 1, $"fixture day fits one page ({shown.Count} cards): the paged case is not tested");
        Assert.Equal(shown, records.Select(r => r.One("ID")));
    }
}
