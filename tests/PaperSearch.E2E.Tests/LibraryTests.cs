using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

/// <summary>The reader's library in a real browser: stars kept in localStorage, For you, tags, export/import, ❤ for you.</summary>
[Collection(E2ECollection.Name)]
public sealed class LibraryTests(E2EApp app)
{
    private static readonly DateOnly Day = TestCorpus.Days[1];

    private static async Task<string[]> LibraryIdsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => JSON.parse(localStorage.getItem('ps-library') || '{\"papers\":[]}').papers.map(p => p.id)");

    /// <summary>Stars three papers on three kinds of page (a daily list, a search, a paper page) and returns their ids.</summary>
    private async Task<(IPage Page, List<string> Starred)> StarThreeAsync()
    {
        var page = await app.NewPageAsync();
        var starred = new List<string>();

        await page.GotoAsync($"/list/cs?date={Day:yyyy-MM-dd}");
        var onList = page.Locator("article.card").First;
        starred.Add((await onList.GetAttributeAsync("data-paper"))!);
        await onList.Locator("[data-star]").ClickAsync();
        await Expect(onList.Locator("[data-star]")).ToHaveAttributeAsync("aria-pressed", "true");

        var searched = app.Corpus.Papers.First(p => p.Title.Split(' ').Length >= 5 && !starred.Contains(p.Id) && !p.Title.Contains('$'));
        await page.GotoAsync("/?q=" + Uri.EscapeDataString(searched.Id) + "&mode=bm25");
        var hit = page.Locator($"article.card[data-paper='{searched.Id}']");
        await hit.Locator("[data-star]").ClickAsync();
        starred.Add(searched.Id);

        var third = app.Corpus.Papers.First(p => !starred.Contains(p.Id) && p.Categories.Contains("cs.LG"));
        await page.GotoAsync("/paper/" + third.Id);
        await page.Locator(".paper-actions [data-star]").ClickAsync();
        await Expect(page.Locator(".paper-actions [data-star]")).ToContainTextAsync("Starred");
        starred.Add(third.Id);
        return (page, starred);
    }

    [Fact]
    public async Task ForYou_RecommendsWithReasons_AndNeverTheStarredPapers_AfterAReload()
    {
        var (page, starred) = await StarThreeAsync();
        await page.ReloadAsync();
        Assert.Equal(starred.OrderBy(i => i), (await LibraryIdsAsync(page)).OrderBy(i => i));

        await page.GotoAsync("/foryou");
        var hits = page.Locator("[data-foryou-hit]");
        await Expect(hits.First).ToBeVisibleAsync();
        var ids = await hits.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.foryouHit)");
        Assert.True(ids.Length >= 5, $"only {ids.Length} recommendations");
        Assert.Empty(ids.Intersect(starred));
        // Every recommendation says why: the starred papers it is near, or the keywords it shares.
        var why = await page.Locator(".foryou-why").AllTextContentsAsync();
        Assert.All(why, w => Assert.True(w.Contains("Because you starred") || w.Contains("Shares"), w));
        await E2EApp.ScreenshotAsync(page, "foryou", fullPage: false);
        await E2EApp.ReadmeScreenshotAsync(page, "foryou");

        // Dismissing one keeps it out of the next request's results.
        var dismissed = ids[0];
        await page.Locator($"[data-dismiss='{dismissed}']").ClickAsync();
        await Expect(page.Locator(".foryou-dismissed")).ToBeVisibleAsync();
        await page.GotoAsync("/foryou");
        await Expect(hits.First).ToBeVisibleAsync();
        Assert.DoesNotContain(dismissed, await hits.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.foryouHit)"));
    }

    [Fact]
    public async Task Library_SurvivesBibTexExportAndImport_IntoAFreshBrowser_WithTagsAndTagSections()
    {
        var (page, starred) = await StarThreeAsync();
        await page.GotoAsync("/library");
        await Expect(page.Locator("[data-library-item]")).ToHaveCountAsync(3);

        // Tag one paper; the tag becomes a filter on the Library page and a section on For you.
        var tagBox = page.Locator($"[data-tag-form='{starred[2]}'] input");
        await tagBox.FillAsync("graphs");
        await tagBox.PressAsync("Enter");
        await Expect(page.Locator($"[data-library-item='{starred[2]}'] .tag-chip")).ToContainTextAsync("#graphs");
        await page.Locator("[data-tag-filter='graphs']").ClickAsync();
        await Expect(page.Locator("[data-library-item]")).ToHaveCountAsync(1);
        await E2EApp.ScreenshotAsync(page, "library", fullPage: true);
        await E2EApp.ReadmeScreenshotAsync(page, "library");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-library-export] button[value=bibtex]").ClickAsync());
        var bib = Path.Combine(Path.GetTempPath(), $"library-{Guid.NewGuid():N}.bib");
        await download.SaveAsAsync(bib);
        try
        {
            var text = await File.ReadAllTextAsync(bib);
            Assert.All(starred, id => Assert.Contains(id, text));

            var fresh = await app.NewPageAsync();
            await fresh.GotoAsync("/library");
            await Expect(fresh.Locator("[data-library-empty]")).ToBeVisibleAsync();
            await fresh.Locator("[data-library-import-file]").SetInputFilesAsync(bib);
            await Expect(fresh.Locator("[data-library-item]")).ToHaveCountAsync(3);
            Assert.Equal(starred.OrderBy(i => i), (await LibraryIdsAsync(fresh)).OrderBy(i => i));
            await Expect(fresh.Locator("[data-library-import-report]")).ToContainTextAsync("3 papers added");
        }
        finally { File.Delete(bib); }

        // The tag's own section on For you ranks for that one paper.
        await page.GotoAsync("/foryou");
        await page.Locator(".foryou-tags button[value=graphs]").ClickAsync();
        await Expect(page.Locator("#foryou-results-title")).ToContainTextAsync("#graphs");
        await Expect(page.Locator("[data-foryou-hit]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Library_MovesToAnotherBrowser_ByALink()
    {
        var (page, starred) = await StarThreeAsync();
        await page.GotoAsync("/library");
        await page.Locator("[data-library-share]").ClickAsync();
        var link = await page.Locator("[data-library-share-url]").InputValueAsync();
        Assert.Contains("/library#add=", link);

        var other = await app.NewPageAsync();
        await other.GotoAsync(link);
        await other.Locator("[data-library-incoming] button").ClickAsync();
        await Expect(other.Locator("[data-library-item]")).ToHaveCountAsync(3);
        Assert.Equal(starred.OrderBy(i => i), (await LibraryIdsAsync(other)).OrderBy(i => i));
    }

    [Fact]
    public async Task ForYouSort_ReordersADailyList_AndPutsItBack()
    {
        var (page, _) = await StarThreeAsync();
        await page.GotoAsync($"/list/cs?date={Day:yyyy-MM-dd}");
        var cards = page.Locator("ol.cards article.card");
        var before = await cards.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.paper)");

        await page.Locator("[data-foryou-toggle]").ClickAsync();
        // The first recommendation of a run may wait for the model on a loaded machine.
        await Expect(page.Locator("[data-foryou-toggle]")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = 60_000 });
        var sorted = await cards.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.paper)");
        Assert.Equal(before.OrderBy(i => i), sorted.OrderBy(i => i));
        Assert.NotEqual(before, sorted);

        await page.Locator("[data-foryou-toggle]").ClickAsync();
        await Expect(page.Locator("[data-foryou-toggle]")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal(before, await cards.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.paper)"));
    }

    [Fact]
    public async Task Stars_FollowAcrossTabs_WithoutAReload()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/list/cs?date={Day:yyyy-MM-dd}");
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync($"/list/cs?date={Day:yyyy-MM-dd}");
        var first = page.Locator("article.card").First;
        var id = await first.GetAttributeAsync("data-paper");
        await first.Locator("[data-star]").ClickAsync();
        await Expect(other.Locator($"article.card[data-paper='{id}'] [data-star]")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task LibraryFeed_IsSavedFromTheLibraryPage_ServesAtom_AndIsGoneOnceRevoked()
    {
        var (page, _) = await StarThreeAsync();
        await page.GotoAsync("/library");
        await page.Locator("[data-library-feed-save]").ClickAsync();
        var link = page.Locator("[data-library-feed-url]");
        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/feed/library/[A-Za-z0-9_-]{43}$"));
        var feed = (await link.GetAttributeAsync("href"))!;

        using (var response = await app.Http.GetAsync(new Uri(feed).PathAndQuery.TrimStart('/')))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var atom = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("feed", atom.Root!.Name.LocalName);
        }

        // Revoking takes two presses (no dialog), then the link answers 404.
        await page.Locator("[data-library-feed-revoke]").ClickAsync();
        await page.Locator("[data-library-feed-revoke]").ClickAsync();
        await Expect(page.Locator("[data-library-feed-save]")).ToBeVisibleAsync();
        using var gone = await app.Http.GetAsync(new Uri(feed).PathAndQuery.TrimStart('/'));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }
}
