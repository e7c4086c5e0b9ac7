using System.Net;
using PaperSearch.Web.Components.Pages;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

/// <summary>Daily lists page by <see cref="DayListPage.PageSize"/> cards: with and without JS, at the edges, and around the corpus's days.</summary>
[Collection(E2ECollection.Name)]
public sealed class ListPagingTests(E2EApp app)
{
    private static readonly DateOnly Day = TestCorpus.Days[0];
    private static readonly string List = $"/list/cs?date={Day:yyyy-MM-dd}";

    private HashSet<string> DayIds() =>
        [.. app.Corpus.Papers.Where(p => p.Day == Day && p.Categories.Any(c => c.StartsWith("cs.", StringComparison.Ordinal))).Select(p => p.Id)];

    [Fact]
    public async Task MoreLink_ServesNextPageFromServer_WithoutJavaScript()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(List);
        var first = await ListPages.CardIdsAsync(page);
        Assert.Equal(DayListPage.PageSize, first.Length);

        await page.ClickAsync("[data-list-more]");
        await page.WaitForURLAsync($"**{List}&page=2");
        var second = await ListPages.CardIdsAsync(page);
        Assert.Equal(DayListPage.PageSize, second.Length);
        Assert.Empty(first.Intersect(second));
        Assert.Subset(DayIds(), first.Concat(second).ToHashSet());
        // Numbered on from the first page; a way back to it.
        await Expect(page.Locator("ol.cards")).ToHaveAttributeAsync("start", $"{DayListPage.PageSize + 1}");
        await Expect(page.Locator(".list-pages a[rel=prev]")).ToHaveAttributeAsync("href", List + "&page=1");
        await context.CloseAsync();
    }

    [Fact]
    public async Task MoreLink_AppendsNextPagesInPlace_WithJavaScript()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(List);
        await Expect(page.Locator("article.card")).ToHaveCountAsync(DayListPage.PageSize);

        // Scrolling near the end loads the next page by itself; the address stays the day's.
        await page.Locator("[data-list-more]").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator("article.card")).ToHaveCountAsync(2 * DayListPage.PageSize);
        Assert.EndsWith(List, page.Url);

        var all = await ListPages.LoadAllAsync(page);
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.Equal(DayIds(), all.ToHashSet());
        await Expect(page.Locator(".list-pages")).ToHaveCountAsync(0);
        await E2EApp.ScreenshotAsync(page, "list-appended", fullPage: false);
    }

    [Fact]
    public async Task Page_ClampsToTheLastOrFirst_WhenOutOfRange()
    {
        var total = DayIds().Count;
        var lastPage = (total + DayListPage.PageSize - 1) / DayListPage.PageSize;
        var firstOfLast = (lastPage - 1) * DayListPage.PageSize + 1;

        using var beyond = await app.Http.GetAsync(List + "&page=999");
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        var page = await app.NewPageAsync();
        await page.GotoAsync(List + "&page=999");
        await Expect(page.Locator(".list-range")).ToHaveTextAsync($"Papers {firstOfLast:N0}–{total:N0} of {total:N0}");
        await Expect(page.Locator("[data-list-more]")).ToHaveCountAsync(0);

        await page.GotoAsync(List + "&page=-3");
        await Expect(page.Locator(".list-range")).ToHaveTextAsync($"Papers 1–{DayListPage.PageSize} of {total:N0}");
        await Expect(page.Locator(".list-pages a[rel=prev]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task EmptyDay_LinksToTheLastDay_WhenAfterIt_AndToTheFirst_WhenBeforeIt()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/list/cs?date=2030-01-01");
        await Expect(page.Locator("p.empty a[rel=last]")).ToHaveAttributeAsync("href", $"/list/cs?date={TestCorpus.Days[^1]:yyyy-MM-dd}");
        await page.ClickAsync("p.empty a[rel=last]");
        await Expect(page.Locator("article.card").First).ToBeVisibleAsync();

        await page.GotoAsync("/list/cs?date=2020-01-01");
        await Expect(page.Locator("p.empty a[rel=first]")).ToHaveAttributeAsync("href", $"/list/cs?date={TestCorpus.Days[0]:yyyy-MM-dd}");
        await Expect(page.Locator("p.empty a[rel=last]")).ToHaveCountAsync(0);
    }
}
