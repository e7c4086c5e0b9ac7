using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

[Collection(E2ECollection.Name)]
public sealed class KeywordFilterTests(E2EApp app)
{
    private const string Keyword = "benchmark";
    private static readonly DateOnly Day = TestCorpus.Days[0];

    [Fact]
    public async Task KeywordFilter_ShowsOnlyMatchingAndSurvivesReload_WithoutTellingTheServer()
    {
        var inList = app.Corpus.Papers.Where(p => p.Day == Day && p.Categories.Contains("cs.CL")).ToList();
        var matching = inList.Where(p => p.HasWord(Keyword)).Select(p => p.Id).ToHashSet();
        Assert.InRange(matching.Count, 1, inList.Count - 1);

        var page = await app.NewPageAsync();
        var urls = new List<string>();
        page.Request += (_, r) => urls.Add(r.Url + " " + r.PostData);
        await page.GotoAsync($"/list/cs.CL?date={Day:yyyy-MM-dd}");

        var panel = page.Locator("[data-kwfilter]");
        await Expect(panel).ToBeVisibleAsync();
        await page.ClickAsync("#kwfilter-title"); // the panel starts folded
        await page.UncheckAsync("[data-kw-field=tldr]"); // the fixture holds no TL;DR text to check against
        await page.FillAsync("#kw-include", Keyword);
        await page.SelectOptionAsync("#kw-action", "show");
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(matching.Count);
        Assert.Equal(matching, await VisibleIds(page));
        await Expect(panel.Locator("[data-kw-status]")).ToHaveTextAsync($"{matching.Count} of {inList.Count} shown");
        await E2EApp.ScreenshotAsync(page, "list-keyword-filter", fullPage: false);

        await page.ReloadAsync();
        await Expect(page.Locator("#kw-include")).ToHaveValueAsync(Keyword);
        await Expect(page.Locator("#kw-action")).ToHaveValueAsync("show");
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(matching.Count);

        await page.SelectOptionAsync("#kw-action", "highlight");
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(inList.Count);
        Assert.True(await page.Locator("mark.kw").CountAsync() >= matching.Count);
        var marked = await page.Locator("mark.kw").AllInnerTextsAsync();
        Assert.All(marked, m => Assert.Equal(Keyword, m, ignoreCase: true));

        Assert.DoesNotContain(urls, u => u.Contains(Keyword, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task KeywordFilter_HidesExcluded_WhenExcludeKeywordGiven()
    {
        var inList = app.Corpus.Papers.Where(p => p.Day == Day && p.Categories.Contains("cs.CL")).ToList();
        var kept = inList.Where(p => !p.HasWord(Keyword)).Select(p => p.Id).ToHashSet();

        var page = await app.NewPageAsync();
        await page.GotoAsync($"/list/cs.CL?date={Day:yyyy-MM-dd}");
        await page.ClickAsync("#kwfilter-title");
        await page.UncheckAsync("[data-kw-field=tldr]");
        await page.FillAsync("#kw-exclude", Keyword);
        await page.SelectOptionAsync("#kw-action", "show");
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(kept.Count);
        Assert.Equal(kept, await VisibleIds(page));

        await page.ClickAsync("[data-kw-clear]");
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(inList.Count);
    }

    private static async Task<HashSet<string>> VisibleIds(IPage page) =>
        [.. await page.Locator("article.card:visible").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.paper)")];
}
