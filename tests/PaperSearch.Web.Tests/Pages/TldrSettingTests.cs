using System.Net;
using PaperSearch.Web.Settings;

namespace PaperSearch.Web.Tests.Pages;

/// <summary>The reader's TL;DR setting: the switch's cookie and redirect, open cards rendered by the server, its own ETag.</summary>
public sealed class TldrSettingTests(CardPagesApp app) : IClassFixture<CardPagesApp>
{
    private static readonly string ListUrl = $"/list/cs.CV?date={CardPagesApp.Day:yyyy-MM-dd}";

    private async Task<HttpClient> ReaderAsync(string value)
    {
        var client = app.Client();
        using var answer = await client.GetAsync($"{TldrSetting.SwitchPath}/{value}?return={Uri.EscapeDataString(ListUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(ListUrl, answer.Headers.Location?.OriginalString);
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{TldrSetting.Cookie}={value};", StringComparison.Ordinal));
        return client;
    }

    [Fact]
    public async Task ListPage_OpensEveryTldr_WhenReaderChoseOpen()
    {
        var page = await CardPagesApp.PageAsync(await ReaderAsync(TldrSetting.Open), ListUrl);

        var details = page.QuerySelectorAll("article.card details.tldr").ToList();
        Assert.Equal(3, details.Count); // the three papers with a summary
        Assert.All(details, d => Assert.True(d.HasAttribute("open")));
        // The switch shows the choice and offers the other, coming back here.
        Assert.Equal("展开", (await CardPagesApp.PageAsync(await ReaderAsyncInChinese(), ListUrl)).QuerySelector(".tldr-switch [aria-current]")!.TextContent);
        Assert.Equal($"{TldrSetting.SwitchPath}/{TldrSetting.Folded}?return={Uri.EscapeDataString(ListUrl)}",
            page.QuerySelector(".tldr-switch a")!.GetAttribute("href"));
    }

    private async Task<HttpClient> ReaderAsyncInChinese()
    {
        var client = await ReaderAsync(TldrSetting.Open);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    [Fact]
    public async Task ListPage_KeepsTldrsFolded_ByDefaultAndWhenReaderChoseFolded()
    {
        foreach (var client in new[] { app.Client(), await ReaderAsync(TldrSetting.Folded) })
        {
            var page = await CardPagesApp.PageAsync(client, ListUrl);
            var details = page.QuerySelectorAll("article.card details.tldr").ToList();
            Assert.Equal(3, details.Count);
            Assert.All(details, d => Assert.False(d.HasAttribute("open")));
        }
    }

    [Fact]
    public async Task ListPage_HasAnotherETag_ForAnOpenReader()
    {
        var folded = app.Client();
        var open = await ReaderAsync(TldrSetting.Open);
        using var foldedAnswer = await folded.GetAsync(ListUrl);
        using var openAnswer = await open.GetAsync(ListUrl);
        var foldedTag = foldedAnswer.Headers.ETag!;
        Assert.NotEqual(foldedTag, openAnswer.Headers.ETag);

        // The folded page's tag does not revalidate for the open reader: it gets the open page, not a 304.
        using var request = new HttpRequestMessage(HttpMethod.Get, ListUrl);
        request.Headers.IfNoneMatch.Add(foldedTag);
        using var revalidated = await open.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        Assert.Contains("<details class=\"tldr\" open", await revalidated.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SearchPage_OpensEveryTldr_WhenReaderChoseOpen()
    {
        var page = await CardPagesApp.PageAsync(await ReaderAsync(TldrSetting.Open), "/?q=surveillance speech&mode=bm25");

        var details = page.QuerySelectorAll("article.card details.tldr").ToList();
        Assert.Equal(2, details.Count);
        Assert.All(details, d => Assert.True(d.HasAttribute("open")));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Switch_RedirectsHome_WhenReturnIsNotLocal(string target)
    {
        using var answer = await app.Client().GetAsync($"{TldrSetting.SwitchPath}/{TldrSetting.Open}?return={Uri.EscapeDataString(target)}");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Switch_IsNotFound_ForAnUnknownValue()
    {
        using var answer = await app.Client().GetAsync($"{TldrSetting.SwitchPath}/sideways?return=/");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Set-Cookie"));
    }
}
