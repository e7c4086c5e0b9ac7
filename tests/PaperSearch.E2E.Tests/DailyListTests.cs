using System.Net;
using PaperSearch.Web.Components.Pages;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

[Collection(E2ECollection.Name)]
public sealed class DailyListTests(E2EApp app)
{
    private static readonly DateOnly Middle = TestCorpus.Days[1];

    private HashSet<string> Expected(DateOnly day, Func<IReadOnlyList<string>, bool> matches) =>
        [.. app.Corpus.Papers.Where(p => p.Day == day && matches(p.Categories)).Select(p => p.Id)];

    /// <summary>Every card of the day, all pages appended; each exactly once.</summary>
    private static async Task<HashSet<string>> ShownIds(IPage page)
    {
        var ids = await ListPages.LoadAllAsync(page);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        return [.. ids];
    }

    [Fact]
    public async Task DailyList_ShowsUnionMinusDifference_WhenExpressionCombinesCategories()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/list/cs.AI+cs.LG-cs.CY?date={Middle:yyyy-MM-dd}");

        var expected = Expected(Middle, cats => (cats.Contains("cs.AI") || cats.Contains("cs.LG")) && !cats.Contains("cs.CY"));
        Assert.True(expected.Count > 2 * DayListPage.PageSize, $"fixture too small: {expected.Count}");
        // The first response holds one page of cards; the rest come through "more".
        await Expect(page.Locator("article.card")).ToHaveCountAsync(DayListPage.PageSize);
        await Expect(page.Locator(".list-range")).ToHaveTextAsync($"Papers 1–{DayListPage.PageSize} of {expected.Count:N0}");
        Assert.Equal(expected, await ShownIds(page));
        await Expect(page.Locator(".result-summary")).ToContainTextAsync($"{expected.Count:N0} papers");
        await Expect(page.Locator("nav.day-nav a[rel=prev]")).ToHaveAttributeAsync("href", $"/list/cs.AI+cs.LG-cs.CY?date={TestCorpus.Days[0]:yyyy-MM-dd}");
        await Expect(page.Locator("nav.day-nav a[rel=next]")).ToHaveAttributeAsync("href", $"/list/cs.AI+cs.LG-cs.CY?date={TestCorpus.Days[2]:yyyy-MM-dd}");
        await E2EApp.ScreenshotAsync(page, "list-union-difference", fullPage: false);
        await E2EApp.ReadmeScreenshotAsync(page, "list");
    }

    [Fact]
    public async Task DailyList_ShowsWholeArchive_WhenExpressionIsArchive()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/list/cs?date={TestCorpus.Days[0]:yyyy-MM-dd}");
        Assert.Equal(Expected(TestCorpus.Days[0], cats => cats.Any(c => c.StartsWith("cs.", StringComparison.Ordinal))), await ShownIds(page));
    }

    [Fact]
    public async Task DailyList_ShowsNewestDay_WhenNoDateGiven()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/list/cs.CL");
        Assert.Equal(Expected(TestCorpus.Days[^1], cats => cats.Contains("cs.CL")), await ShownIds(page));
        await Expect(page.Locator("#date")).ToHaveValueAsync($"{TestCorpus.Days[^1]:yyyy-MM-dd}");
    }

    [Fact]
    public async Task DailyList_Answers400WithInlineMessage_WhenExpressionIsBad()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/list/cs.AI+cs.XYZ");
        Assert.Equal((int)HttpStatusCode.BadRequest, response!.Status);
        await Expect(page.Locator("#expr-error")).ToContainTextAsync("Unknown category 'cs.XYZ'");
        await Expect(page.Locator("#expr")).ToHaveValueAsync("cs.AI+cs.XYZ");
    }

    [Fact]
    public async Task DailyList_FormGoesToListAddress_WhenSubmitted()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/list/cs.CL");
        await page.FillAsync("#expr", "cs.CV-cs.AI");
        await page.FillAsync("#date", $"{TestCorpus.Days[0]:yyyy-MM-dd}");
        await page.ClickAsync("form.list-form button[type=submit]");
        await page.WaitForURLAsync($"**/list/cs.CV-cs.AI?date={TestCorpus.Days[0]:yyyy-MM-dd}");
        Assert.Equal(Expected(TestCorpus.Days[0], cats => cats.Contains("cs.CV") && !cats.Contains("cs.AI")), await ShownIds(page));
    }
}
