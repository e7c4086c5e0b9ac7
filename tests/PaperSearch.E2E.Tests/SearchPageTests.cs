using System.Net;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

[Collection(E2ECollection.Name)]
public sealed class SearchPageTests(E2EApp app)
{
    [Fact]
    public async Task Search_LeadsToPaperPageAndRelatedPaper_WhenFollowingLinks()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("/"); // keyboard shortcut to the search box
        await Expect(page.Locator("[data-search-box]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("segmentation");
        await page.Keyboard.PressAsync("Enter");
        try { await page.WaitForURLAsync("**/?q=segmentation"); }
        catch (TimeoutException e) { throw new TimeoutException($"still at {page.Url} after submitting the search", e); }

        var cards = page.Locator("article.card");
        await Expect(cards.First).ToBeVisibleAsync();
        Assert.True(await cards.CountAsync() > 1);
        await Expect(page.Locator(".result-summary")).ToContainTextAsync("papers");
        await Expect(cards.First.Locator(".card-abstract mark, .card-title mark").First).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(page, "search");
        await E2EApp.ReadmeScreenshotAsync(page, "search");

        var title = cards.First.Locator(".card-title a");
        var href = (await title.GetAttributeAsync("href"))!;
        await title.ClickAsync();
        await page.WaitForURLAsync("**" + href);
        // Enhanced navigation may change the URL before it patches the page: wait for this paper's own content.
        await Expect(page.Locator($"article.paper[data-paper='{href["/paper/".Length..]}'] h1")).ToBeVisibleAsync();

        var related = page.Locator("#related .related-item a.card-title");
        await Expect(related.First).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(page, "paper");
        var relatedHref = (await related.First.GetAttributeAsync("href"))!;
        Assert.NotEqual(href, relatedHref);
        await related.First.ClickAsync();
        await page.WaitForURLAsync("**" + relatedHref);
        await Expect(page.Locator($"article.paper[data-paper='{relatedHref["/paper/".Length..]}'] h1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Search_KeepsFiltersAndPageInUrl_WhenReloaded()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/?q=model");
        await page.FillAsync("#cat", "cs.CV");
        await page.SelectOptionAsync("#sort", "date");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("cat=cs.CV") && url.Contains("sort=date"));
        Assert.DoesNotContain("from=", page.Url); // empty fields are left out of the URL

        await Expect(page.Locator("article.card").First).ToBeVisibleAsync();
        var chipsPerCard = await page.Locator("article.card .chips").AllInnerTextsAsync();
        Assert.All(chipsPerCard, chips => Assert.Contains("cs.CV", chips));
        var dates = await page.Locator("article.card .card-meta time").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('datetime'))");
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);

        await page.ClickAsync("nav.pager a[rel=next]");
        await page.WaitForURLAsync(url => url.Contains("page=2"));
        await Expect(page.Locator("nav.pager a[aria-current=page]")).ToHaveTextAsync("2");
        var firstOnPage2 = await page.Locator("article.card").First.GetAttributeAsync("data-paper");

        await page.ReloadAsync();
        Assert.Equal(firstOnPage2, await page.Locator("article.card").First.GetAttributeAsync("data-paper"));
        await Expect(page.Locator("nav.pager a[aria-current=page]")).ToHaveTextAsync("2");
        await Expect(page.Locator("#cat")).ToHaveValueAsync("cs.CV");
        await Expect(page.Locator("#sort")).ToHaveValueAsync("date");
        await Expect(page.Locator("#q")).ToHaveValueAsync("model");
    }

    [Fact]
    public async Task Search_ShowsInlineMessage_WhenParameterIsBad()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/?q=attention&cat=cs.XYZ");

        Assert.Equal((int)HttpStatusCode.BadRequest, response!.Status);
        await Expect(page.Locator("#cat-error")).ToContainTextAsync("Unknown category 'cs.XYZ'");
        await Expect(page.Locator("#cat")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#q")).ToHaveValueAsync("attention");
        Assert.Equal(0, await page.Locator("article.card").CountAsync());
        await E2EApp.ScreenshotAsync(page, "search-bad-category");

        // Over the query limits: a text, read whole by related work instead of refused.
        await page.GotoAsync("/?q=" + new string('a', 1001));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/related\\?.*source=search"));
        await Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("longer than a search query can be");
        await page.GotoAsync("/?q=*ention");
        await Expect(page.Locator("#q-error")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Search_ShowsEmptyState_WhenNothingMatches()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/?q=zzqxjkv&cat=cs.CL&mode=bm25");
        await Expect(page.Locator(".empty")).ToContainTextAsync("No papers match");
        await Expect(page.Locator(".empty a[href='/?q=zzqxjkv&mode=bm25']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SearchPage_FitsAPhone_WhenNarrow()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/?q=robot%20navigation");
        await Expect(page.Locator("article.card").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await E2EApp.ScreenshotAsync(page, "search-phone");
    }
}
