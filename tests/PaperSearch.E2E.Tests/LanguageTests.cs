using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

/// <summary>The Chinese interface in a real browser: chosen from the browser's language, switched and remembered.</summary>
[Collection(E2ECollection.Name)]
public sealed partial class LanguageTests(E2EApp app)
{
    private static readonly string ListUrl = $"/list/cs.CL?date={TestCorpus.Days[0]:yyyy-MM-dd}";

    [Fact]
    public async Task Page_IsChineseAndSwitchesToEnglishForGood_WhenTheBrowserAsksForZhCn()
    {
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync(ListUrl);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", ZhLang());
        await Expect(page.Locator("header nav[aria-label='主导航']")).ToContainTextAsync("每日列表");
        await Expect(page.Locator(".day-nav strong")).ToContainTextAsync($"{TestCorpus.Days[0]:yyyy}年");
        await Expect(page.Locator("article.card .card-title").First).ToHaveAttributeAsync("lang", "en");
        // site.js writes its counts in the page's language.
        await page.ClickAsync("#kwfilter-title");
        await page.FillAsync("#kw-include", "model");
        await page.SelectOptionAsync("#kw-action", "show");
        await Expect(page.Locator("[data-kw-status]")).ToHaveTextAsync(ShownInChinese());
        await E2EApp.ScreenshotAsync(page, "list-zh", fullPage: false);
        await E2EApp.ReadmeScreenshotAsync(page, "list-zh");
        await page.FillAsync("#kw-include", "");

        await page.ClickAsync(".lang-switch a[hreflang=en]");
        await page.WaitForURLAsync(url => url.EndsWith(ListUrl, StringComparison.Ordinal));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("header nav[aria-label=Main]")).ToContainTextAsync("Daily lists");

        // The cookie outweighs the browser's zh-CN from now on, on this page and the next.
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("/status");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Status");

        await page.ClickAsync(".lang-switch a[hreflang=zh]");
        await page.WaitForURLAsync(url => url.EndsWith("/status", StringComparison.Ordinal));
        await Expect(page.Locator("h1")).ToHaveTextAsync("状态");
        await E2EApp.ScreenshotAsync(page, "status-zh");
    }

    [Fact]
    public async Task PaperPage_ShowsChineseLabelsAroundEnglishMetadata_WhenPageIsChinese()
    {
        var paper = app.Corpus.Papers.First(p => p.HasSummary);
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync("/paper/" + paper.Id);

        await Expect(page.Locator("#abstract-title")).ToHaveTextAsync("摘要");
        await Expect(page.Locator("h1.paper-title")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("section.summary dt").First).ToHaveTextAsync("一句话总结");
        await Expect(page.Locator("section.summary dd").First).ToHaveAttributeAsync("lang", "zh");
        await E2EApp.ScreenshotAsync(page, "paper-zh", fullPage: false);
        await E2EApp.ReadmeScreenshotAsync(page, "paper-zh");
    }

    [Fact]
    public async Task Header_FitsAPhoneWithTheLanguageSwitch_WhenPageIsChinese()
    {
        var page = await app.NewPageAsync(390, 844, "zh-CN");
        await page.GotoAsync("/status");

        await Expect(page.Locator(".lang-switch a[hreflang=en]")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await E2EApp.ScreenshotAsync(page, "status-zh-phone", fullPage: false);
    }

    [GeneratedRegex("^zh")]
    private static partial Regex ZhLang();

    [GeneratedRegex(@"^显示 \d+ / \d+ 篇$")]
    private static partial Regex ShownInChinese();
}
