using PaperSearch.Web.Components.Pages;
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
        await page.UncheckAsync("[data-kw-field=tldr]"); // checked against title, abstract and authors only
        await page.FillAsync("#kw-include", Keyword);
        await page.SelectOptionAsync("#kw-action", "show");
        // The count covers the whole day although only the first page of cards is loaded.
        Assert.True(inList.Count > DayListPage.PageSize, $"fixture too small: {inList.Count}");
        await Expect(panel.Locator("[data-kw-status]")).ToHaveTextAsync($"{matching.Count} of {inList.Count} shown");
        Assert.Subset(matching, await VisibleIds(page));
        // Appended pages are filtered as they arrive.
        await ListPages.LoadAllAsync(page);
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(matching.Count);
        Assert.Equal(matching, await VisibleIds(page));
        await E2EApp.ScreenshotAsync(page, "list-keyword-filter", fullPage: false);

        await page.ReloadAsync();
        await Expect(page.Locator("#kw-include")).ToHaveValueAsync(Keyword);
        await Expect(page.Locator("#kw-action")).ToHaveValueAsync("show");
        await Expect(panel.Locator("[data-kw-status]")).ToHaveTextAsync($"{matching.Count} of {inList.Count} shown");
        await ListPages.LoadAllAsync(page);
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(matching.Count);

        await page.SelectOptionAsync("#kw-action", "highlight");
        // Pages still on their way (the "more" link keeps loading while cards are hidden) arrive before counting.
        await ListPages.LoadAllAsync(page);
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(inList.Count, new() { Timeout = 30_000 });
        Assert.True(await page.Locator("mark.kw").CountAsync() >= matching.Count);
        // Read in one step by the page itself. Through a locator (resolve, then read) every mark's text once came back "":
        // library.js repainted stars every frame, which made site.js re-highlight every frame, so the resolved marks
        // had been emptied and detached before they were read (fixed; a one-step read stays right regardless).
        var marked = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('mark.kw')].map(m => m.textContent)");
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
        await ListPages.LoadAllAsync(page);
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(kept.Count);
        Assert.Equal(kept, await VisibleIds(page));

        await page.ClickAsync("[data-kw-clear]");
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(inList.Count);
    }

    [Fact]
    public async Task KeywordFilter_MatchesWholeLatinWords_SoRLIsNotWorld()
    {
        var inList = app.Corpus.Papers.Where(p => p.Day == Day && p.Categories.Contains("cs.LG")).ToList();
        var matching = inList.Where(p => p.HasWord("RL")).Select(p => p.Id).ToHashSet();
        var world = inList.Where(p => !p.HasWord("RL") && p.FilterText.Contains("world", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(matching);
        Assert.NotEmpty(world); // papers that a substring match would wrongly include

        var page = await app.NewPageAsync();
        await page.GotoAsync($"/list/cs.LG?date={Day:yyyy-MM-dd}");
        await page.ClickAsync("#kwfilter-title");
        await page.UncheckAsync("[data-kw-field=tldr]");
        await page.FillAsync("#kw-include", "RL");
        await page.SelectOptionAsync("#kw-action", "show");
        await Expect(page.Locator("[data-kw-status]")).ToHaveTextAsync($"{matching.Count} of {inList.Count} shown");
        await ListPages.LoadAllAsync(page);
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(matching.Count);
        Assert.Equal(matching, await VisibleIds(page));
    }

    [Fact]
    public async Task KeywordFilter_FindsChineseWordInTldr_AcrossTheWholeDay()
    {
        const string word = "推理";
        var inList = app.Corpus.Papers.Where(p => p.Day == TestCorpus.Days[1] && p.Categories.Contains("cs.AI")).ToList();
        // Chinese has no word boundaries: a substring of the TL;DR (English fields never hold it).
        var matching = inList.Where(p => p.Tldr?.Contains(word, StringComparison.Ordinal) == true).Select(p => p.Id).ToHashSet();
        Assert.InRange(matching.Count, 1, inList.Count - 1);

        var page = await app.NewPageAsync();
        await page.GotoAsync($"/list/cs.AI?date={TestCorpus.Days[1]:yyyy-MM-dd}");
        await page.ClickAsync("#kwfilter-title");
        await page.FillAsync("#kw-include", word);
        await page.SelectOptionAsync("#kw-action", "show");
        await Expect(page.Locator("[data-kw-status]")).ToHaveTextAsync($"{matching.Count} of {inList.Count} shown");
        await ListPages.LoadAllAsync(page);
        await Expect(page.Locator("article.card:visible")).ToHaveCountAsync(matching.Count);
        Assert.Equal(matching, await VisibleIds(page));
    }

    [Fact]
    public async Task KeywordFilter_BarStaysInView_WhenScrolledToTheBottom()
    {
        var page = await app.NewPageAsync(width: 390, height: 800);
        await page.GotoAsync($"/list/cs.CL?date={Day:yyyy-MM-dd}");
        await ListPages.LoadAllAsync(page);
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        var title = page.Locator("#kwfilter-title");
        await Expect(title).ToBeInViewportAsync();
        // Keyboard-reachable, and it does not cover the last card: the page is padded by the bar's height.
        await title.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#kw-include")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter"); // folds again
        var gap = await page.EvaluateAsync<double>(
            "() => document.querySelector('[data-kwfilter]').getBoundingClientRect().top - [...document.querySelectorAll('article.card')].at(-1).getBoundingClientRect().bottom");
        Assert.True(gap >= 0, $"the bar covers the last card by {-gap} px");
        await E2EApp.ScreenshotAsync(page, "list-bottom-bar-390", fullPage: false);
    }

    private static async Task<HashSet<string>> VisibleIds(IPage page) =>
        [.. await page.Locator("article.card:visible").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.paper)")];
}
