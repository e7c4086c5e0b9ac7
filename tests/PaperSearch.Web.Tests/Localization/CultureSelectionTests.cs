using System.Net;
using System.Text.RegularExpressions;
using PaperSearch.Web.Localization;

namespace PaperSearch.Web.Tests.Localization;

/// <summary>Which language a page is in, the EN / 中文 switch and its cookie, the lang attributes, and output that must not follow the language.</summary>
public sealed partial class CultureSelectionTests(LocalizedApp app) : IClassFixture<LocalizedApp>
{
    private static readonly string ListUrl = $"/list/cs.CL?date={LocalizedApp.Day:yyyy-MM-dd}";

    [Theory]
    [InlineData("zh-CN", "zh", "每日列表")]
    [InlineData("zh-Hans-CN,zh;q=0.9", "zh", "每日列表")]
    [InlineData("zh", "zh", "每日列表")]
    [InlineData("zh-TW", "zh", "每日列表")]
    [InlineData("en-GB", "en", "Daily lists")]
    [InlineData("fr-FR,de;q=0.8", "en", "Daily lists")]
    [InlineData(null, "en", "Daily lists")]
    public async Task Page_IsInTheLanguageAskedFor_WhenAcceptLanguageIsSent(string? acceptLanguage, string lang, string listsNav)
    {
        var page = await LocalizedApp.PageAsync(app.Client(acceptLanguage), "/");

        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(listsNav, page.QuerySelector("header nav")!.TextContent);
    }

    [Fact]
    public async Task CultureSwitch_SetsTheCookieAndGoesBack_WhenTheReturnAddressIsLocal()
    {
        var client = app.Client("en-US");

        using var response = await client.GetAsync(UiCultures.SwitchHref("zh", ListUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ListUrl, response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=c%3Dzh%7Cuic%3Dzh;", cookie);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        // The cookie beats the browser's English Accept-Language from then on.
        var page = await LocalizedApp.PageAsync(client, ListUrl);
        Assert.Equal("zh", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("2025年3月18日", page.QuerySelector(".day-nav strong")!.TextContent);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\r\nSet-Cookie: x=1")]
    [InlineData("~/status")]
    [InlineData("")]
    public async Task CultureSwitch_RedirectsHome_WhenTheReturnAddressIsNotLocal(string target)
    {
        using var response = await app.Client().GetAsync("/culture/zh?return=" + Uri.EscapeDataString(target));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CultureSwitch_IsNotFound_WhenTheLanguageIsNotOffered()
    {
        using var response = await app.Client().GetAsync("/culture/fr?return=/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("en-US", "zh", "中文")]
    [InlineData("zh-CN", "en", "EN")]
    public async Task LanguageSwitch_LinksToTheOtherLanguageAndBack_OnEveryPage(string acceptLanguage, string other, string name)
    {
        foreach (var url in new[] { "/", "/?q=attention", ListUrl, "/paper/" + LocalizedApp.Summarised.Id, "/status", "/not-found" })
        {
            var page = await LocalizedApp.PageAsync(app.Client(acceptLanguage), url);
            var link = page.QuerySelector($".lang-switch a[hreflang={other}]");

            Assert.True(link is not null, "no language switch on " + url);
            Assert.Equal(name, link.TextContent);
            Assert.Equal(UiCultures.SwitchHref(other, url), link.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task PaperPage_MarksEnglishMetadataAndChineseSummary_WhenThePageIsChinese()
    {
        var page = await LocalizedApp.PageAsync(app.Client("zh-CN"), "/paper/" + LocalizedApp.Summarised.Id);

        Assert.Equal("en", page.QuerySelector("h1.paper-title")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector(".paper-abstract")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector(".authors")!.GetAttribute("lang"));
        Assert.All(page.QuerySelectorAll("section.summary dd"), dd => Assert.Equal("zh", dd.GetAttribute("lang")));
        Assert.Equal("摘要", page.QuerySelector("#abstract-title")!.TextContent);
        Assert.Equal("相关论文", page.QuerySelector("#related-title")!.TextContent);
        Assert.Contains("2025年3月14日 09:30", page.QuerySelector("dl.meta")!.TextContent);
    }

    [Fact]
    public async Task PaperPage_LeavesMetadataUnmarked_WhenThePageIsEnglish()
    {
        var page = await LocalizedApp.PageAsync(app.Client("en-US"), "/paper/" + LocalizedApp.Summarised.Id);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Null(page.QuerySelector("h1.paper-title")!.GetAttribute("lang"));
        Assert.All(page.QuerySelectorAll("section.summary dd"), dd => Assert.Equal("zh", dd.GetAttribute("lang")));
        Assert.Contains("Fri, 14 Mar 2025 09:30", page.QuerySelector("dl.meta")!.TextContent);
    }

    [Fact]
    public async Task DailyList_FormatsItsDayAndCardsPerCulture_WhenLanguagesDiffer()
    {
        var en = await LocalizedApp.PageAsync(app.Client("en"), ListUrl);
        var zh = await LocalizedApp.PageAsync(app.Client("zh-CN"), ListUrl);

        Assert.Equal("Tuesday, 18 March 2025", en.QuerySelector(".day-nav strong")!.TextContent);
        Assert.Equal("2025年3月18日 星期二", zh.QuerySelector(".day-nav strong")!.TextContent);
        Assert.Equal("<strong>3</strong> 篇论文", zh.QuerySelector(".result-summary")!.InnerHtml);
        Assert.Equal("zh", zh.QuerySelector(".tldr p")!.GetAttribute("lang"));
        Assert.Equal("{0} of {1} shown", en.QuerySelector("[data-kwfilter]")!.GetAttribute("data-msg-shown"));
        Assert.Equal("显示 {0} / {1} 篇", zh.QuerySelector("[data-kwfilter]")!.GetAttribute("data-msg-shown"));
        Assert.Equal("已复制 ✓", zh.Body!.GetAttribute("data-msg-copied"));
    }

    [Theory]
    [InlineData("/api/search?q=attention")]
    [InlineData("/api/search?q=attention&sort=date&from=2025-03-01")]
    [InlineData("/api/papers/2503.41001")]
    [InlineData("/api/lists/cs.CL?date=2025-03-18")]
    [InlineData("/api/stats")]
    [InlineData("/feed/search?q=attention")]
    [InlineData("/feed/list/cs.CL")]
    [InlineData("/openapi/v1.json")]
    public async Task MachineOutput_IsByteIdentical_WhateverTheLanguage(string url)
    {
        var zhClient = app.Client("zh-CN,zh;q=0.9");
        await zhClient.GetAsync(UiCultures.SwitchHref("zh", "/"));

        await app.ForgetCachedOutputAsync();
        var zh = await zhClient.GetByteArrayAsync(url);
        await app.ForgetCachedOutputAsync();
        var en = await app.Client("en-US").GetByteArrayAsync(url);

        Assert.Equal(WithoutTimings(en), WithoutTimings(zh));
    }

    /// <summary>A search answer states how long it took; that alone may differ between two requests.</summary>
    private static string WithoutTimings(byte[] body) => TookMs().Replace(System.Text.Encoding.UTF8.GetString(body), "\"tookMs\":0");

    [GeneratedRegex("\"tookMs\":\\d+")]
    private static partial Regex TookMs();
}
