using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Web.Components.Cards;

namespace PaperSearch.Web.Tests.Pages;

/// <summary>The paper page on a real host over a real store, read as a browser's parser reads it.</summary>
public sealed class PaperPageTests(PaperPageTests.PageApp app) : IClassFixture<PaperPageTests.PageApp>
{
    private static readonly Paper Hostile = new()
    {
        Id = "2503.40001", Title = "Licences from elsewhere", Authors = ["Ann Bell"], Categories = ["cs.CL"],
        ListingDate = new DateOnly(2025, 3, 18), License = "javascript:alert(document.domain)", Doi = "10.1/x?y#z \"q\"",
    };

    private static readonly Paper Licensed = Hostile with
    {
        Id = "2503.40002", License = "http://creativecommons.org/licenses/by/4.0/", Doi = null,
    };

    private static readonly Paper Cited = new()
    {
        Id = "2209.07775", Title = "A \"quoted\" <title> & more", Authors = ["Zoë Ünal", "Ann Bell", "Bo Li"], Categories = ["cs.LG"],
        Abstract = "An abstract.", ListingDate = new DateOnly(2025, 3, 18), Doi = "10.1000/cited",
        Submitted = new DateTimeOffset(2022, 9, 15, 23, 30, 0, TimeSpan.FromHours(-5)), // 04:30 UTC on the 16th
    };

    private static readonly Paper DataLicence = Hostile with { Id = "2503.40003", License = "data:text/html,<script>alert(1)</script>" };

    public sealed class PageApp : IAsyncLifetime
    {
        public PaperSearchApp App { get; } = new(new() { ["RateLimit:Enabled"] = "false" });

        public async Task InitializeAsync()
        {
            await App.Services.GetRequiredService<PaperStore>().UpsertAsync([Hostile, Licensed, DataLicence, Cited]);
            await App.Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync();
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private async Task<IHtmlDocument> PageAsync(string id)
    {
        using var response = await app.App.CreateClient().GetAsync("/paper/" + id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string LicenceCell(IHtmlDocument page) =>
        page.QuerySelectorAll("dl.meta dt").Single(dt => dt.TextContent == "License").NextElementSibling!.InnerHtml;

    [Theory]
    [InlineData("2503.40001", "javascript:alert(document.domain)")]
    [InlineData("2503.40003", "data:text/html,<script>alert(1)</script>")]
    public async Task PaperPage_ShowsLicenceAsText_WhenItIsNotAnHttpUrl(string id, string licence)
    {
        var page = await PageAsync(id);

        Assert.DoesNotContain("<a", LicenceCell(page));
        Assert.Equal(licence, page.QuerySelectorAll("dl.meta dd").Single(dd => dd.TextContent == licence).TextContent);
        Assert.All(page.QuerySelectorAll("a[href]"), a => Assert.Matches("^(https?://|/|#)", a.GetAttribute("href")!));
    }

    [Fact]
    public async Task PaperPage_LinksLicence_WhenItIsAnHttpUrl()
    {
        var link = (await PageAsync(Licensed.Id)).QuerySelector("dl.meta a[rel=license]");

        Assert.Equal("http://creativecommons.org/licenses/by/4.0/", link?.GetAttribute("href"));
    }

    [Fact]
    public async Task PaperPage_KeepsDoiInsideTheResolverPath_WhenDoiHoldsQueryAndFragmentSigns()
    {
        var page = await PageAsync(Hostile.Id);
        var hrefs = page.QuerySelectorAll("a").Where(a => a.TextContent is "DOI" or "10.1/x?y#z \"q\"").Select(a => a.GetAttribute("href"));

        Assert.Equal(["https://doi.org/10.1/x%3Fy%23z%20%22q%22", "https://doi.org/10.1/x%3Fy%23z%20%22q%22"], hrefs);
    }

    [Fact]
    public async Task PaperPage_HeadHoldsEveryHighwireTagZoteroReads()
    {
        var page = await PageAsync(Cited.Id);
        string[] Meta(string name) => [.. page.Head!.QuerySelectorAll($"meta[name={name}]").Select(m => m.GetAttribute("content")!)];

        Assert.Equal([Cited.Title], Meta("citation_title"));
        Assert.Equal(Cited.Authors, Meta("citation_author"));
        // Version 1's submission day in UTC, in Highwire's YYYY/MM/DD, not the 2025 announcement day.
        Assert.Equal(["2022/09/16"], Meta("citation_date"));
        Assert.Equal(["2022/09/16"], Meta("citation_publication_date"));
        Assert.Equal(["2209.07775"], Meta("citation_arxiv_id"));
        Assert.Equal(["https://arxiv.org/pdf/2209.07775"], Meta("citation_pdf_url"));
        Assert.Equal(["https://arxiv.org/abs/2209.07775"], Meta("citation_abstract_html_url"));
        Assert.Equal(["10.1000/cited"], Meta("citation_doi"));
    }

    [Fact]
    public async Task PaperPage_DatesTheCitationByItsIdsMonth_WhenSubmissionIsUnknown()
    {
        var page = await PageAsync(Licensed.Id);

        // A new-style id names its submission month (Highwire allows YYYY/MM); the announcement day would be a later guess.
        Assert.Equal("20" + Licensed.Id[..2] + "/" + Licensed.Id[2..4], page.Head!.QuerySelector("meta[name=citation_date]")?.GetAttribute("content"));
        Assert.Null(page.Head.QuerySelector("meta[name=citation_doi]"));
    }

    [Theory]
    [InlineData("https://example.org/licence", "https://example.org/licence")]
    [InlineData(" HTTP://Example.org/a b ", "http://example.org/a%20b")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JaVaScRiPt:alert(1)", null)]
    [InlineData("data:text/html,x", null)]
    [InlineData("/relative/path", null)]
    [InlineData("//evil.example/x", null)]
    [InlineData("ftp://example.org/x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ExternalLinks_Http_AcceptsOnlyAbsoluteHttpUrls(string? candidate, string? expected) =>
        Assert.Equal(expected, ExternalLinks.Http(candidate));
}
