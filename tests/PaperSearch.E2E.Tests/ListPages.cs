namespace PaperSearch.E2E.Tests;

/// <summary>What a daily list shows once every page of it has been appended the way a reader does (the "more" link).</summary>
internal static class ListPages
{
    public static Task<string[]> CardIdsAsync(IPage page) =>
        page.Locator("article.card").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.paper)");

    /// <summary>
    /// Follows the JS "more" link until the day is complete and returns every card id in page order. The click is done
    /// in the page (one atomic step): the link is replaced by the next page's own, possibly while scrolling loads it too.
    /// </summary>
    public static async Task<string[]> LoadAllAsync(IPage page)
    {
        while (await page.Locator("[data-list-more]").CountAsync() > 0)
        {
            var before = await page.Locator("article.card").CountAsync();
            await page.EvaluateAsync("() => document.querySelector('[data-list-more]')?.click()");
            await page.WaitForFunctionAsync(
                "n => document.querySelectorAll('article.card').length > n || !document.querySelector('[data-list-more]')", before);
        }
        return await CardIdsAsync(page);
    }
}
