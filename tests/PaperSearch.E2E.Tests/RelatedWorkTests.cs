using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

[Collection(E2ECollection.Name)]
public sealed class RelatedWorkTests(E2EApp app)
{
    private FixturePaper LongAbstractPaper() =>
        app.Corpus.Papers.Where(p => p.Abstract.Length is >= 1000 and <= 3000 && p.Title.Split(' ').Length >= 4).OrderBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault()
        ?? app.Corpus.Papers.Where(p => p.Title.Split(' ').Length >= 4).OrderByDescending(p => p.Abstract.Length).First();

    private static async Task<IReadOnlyList<string?>> CardIdsAsync(IPage page)
    {
        var cards = page.Locator("ol.related-work-list article.card");
        await Expect(cards.First).ToBeVisibleAsync();
        return await cards.EvaluateAllAsync<string?[]>("els => els.map(e => e.getAttribute('data-paper'))");
    }

    [Fact]
    public async Task RelatedWork_ExcludesPastedPaper_WhenItsAbstractIsPasted()
    {
        var paper = LongAbstractPaper();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/related");
        await page.FillAsync("#related-text", paper.Title + ".\n" + paper.Abstract);
        await page.ClickAsync("form.related-form button[type=submit]");

        var ids = await CardIdsAsync(page);
        Assert.NotEmpty(ids);
        Assert.DoesNotContain(paper.Id, ids);
        await Expect(page.Locator("details.related-recognised")).ToContainTextAsync(paper.Id);
        await E2EApp.ScreenshotAsync(page, "related-work", fullPage: false);
        await E2EApp.ReadmeScreenshotAsync(page, "related-work");
    }

    [Fact]
    public async Task RelatedWork_RecognisesBibEntries_WhenBibIsUploaded()
    {
        var papers = app.Corpus.Papers.Where(p => p.Title.Split(' ').Length >= 4 && !p.Title.Contains('$') && !p.Title.Contains('{') && !p.Title.Contains('<')).Take(2).ToList();
        var bib = $$"""
            @article{byeprint,
              title = {Something else entirely},
              eprint = {{{papers[0].Id}}},
              archivePrefix = {arXiv}
            }

            @article{bytitle,
              title = {{{papers[1].Title}}}
            }

            @article{unknown,
              title = {Zzqx Quuxified Frobnication of Nonexistent Widgets}
            }
            """;
        var path = Path.Combine(Path.GetTempPath(), $"related-{Guid.NewGuid():N}.bib");
        await File.WriteAllTextAsync(path, bib);
        try
        {
            var page = await app.NewPageAsync();
            await page.GotoAsync("/related");
            await page.SetInputFilesAsync("#related-bib", path);
            await page.ClickAsync("form.related-form button[type=submit]");

            var ids = await CardIdsAsync(page);
            Assert.NotEmpty(ids);
            Assert.DoesNotContain(papers[0].Id, ids);
            Assert.DoesNotContain(papers[1].Id, ids);
            var recognised = page.Locator("details.related-recognised");
            await Expect(recognised).ToContainTextAsync(papers[0].Id);
            await Expect(recognised).ToContainTextAsync(papers[1].Id);
            var unmatched = page.Locator("details.related-unmatched");
            await Expect(unmatched).ToContainTextAsync("unknown");
            await Expect(unmatched).ToContainTextAsync("line 11");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Search_OpensRelatedWork_WhenQueryIsOverTheLimits()
    {
        var paper = LongAbstractPaper();
        var words = paper.Abstract.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var text = string.Join(' ', words.Take(80));
        Assert.True(words.Length > 64);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("[data-search-box]", text);
        await page.PressAsync("[data-search-box]", "Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/related");
        await Expect(page.Locator("p.notice[role=status]")).ToBeVisibleAsync();
        Assert.NotEmpty(await CardIdsAsync(page));
    }

    [Fact]
    public async Task RelatedWork_Works_WithoutJavaScript()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, JavaScriptEnabled = false, Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        var paper = LongAbstractPaper();
        await page.GotoAsync("/related");
        await page.FillAsync("#related-text", paper.Abstract);
        await page.ClickAsync("form.related-form button[type=submit]");
        await page.WaitForURLAsync("**/related");
        Assert.NotEmpty(await CardIdsAsync(page));
        await context.CloseAsync();
    }

    [Fact]
    public async Task RelatedWork_FitsAPhone_WhenNarrow()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/related");
        await page.FillAsync("#related-text", LongAbstractPaper().Abstract);
        await page.ClickAsync("form.related-form button[type=submit]");
        Assert.NotEmpty(await CardIdsAsync(page));
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the related-work page is {width}px wide on a 390px phone");
        await E2EApp.ScreenshotAsync(page, "related-work-phone");
    }
}
