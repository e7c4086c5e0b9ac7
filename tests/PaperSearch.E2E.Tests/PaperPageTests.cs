using System.Net;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

[Collection(E2ECollection.Name)]
public sealed class PaperPageTests(E2EApp app)
{
    [Fact]
    public async Task PaperPage_ShowsMarkupInTitleAsText_WhenTitleContainsScript()
    {
        var page = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };

        await page.GotoAsync("/paper/" + TestCorpus.XssId);
        await Expect(page.Locator("h1.paper-title")).ToHaveTextAsync(TestCorpus.XssTitle);
        Assert.Equal(0, await page.Locator("h1 b, .paper-abstract img, main script").CountAsync());
        await Expect(page.Locator(".paper-abstract")).ToContainTextAsync("<img src=x onerror=alert(2)>");
        await Expect(page.Locator(".authors")).ToContainTextAsync("Eve <Adversary>");
        await E2EApp.ScreenshotAsync(page, "paper-xss");

        await page.GotoAsync("/?q=" + Uri.EscapeDataString("robust bold parsing"));
        var card = page.Locator($"article.card[data-paper='{TestCorpus.XssId}']");
        await Expect(card.Locator(".card-title")).ToContainTextAsync("<script>alert(1)</script>");
        Assert.Equal(0, await card.Locator(".card-title b, .card-title script, .card-abstract img").CountAsync());
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task PaperPage_RendersTexWithKatex_WhenTitleHasMath()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/paper/" + TestCorpus.TexId);
        var title = page.Locator("h1.paper-title");
        await Expect(title.Locator(".tex-math .katex")).ToHaveCountAsync(3);
        await Expect(title).ToContainTextAsync("α");
        await Expect(title.Locator(".katex-html .mathbb")).ToHaveTextAsync("R"); // \mathbb{R} in KaTeX's double-struck font
        await Expect(title.Locator(".katex-html .msupsub").First).ToContainTextAsync("2");
        await Expect(page.Locator(".paper-abstract .katex")).ToContainTextAsync("β");
        Assert.DoesNotContain("$", await title.InnerTextAsync());
    }

    [Fact]
    public async Task PaperPage_ShowsMachineWrittenChineseSummary_WhenPaperHasOne()
    {
        var paper = app.Corpus.Papers.First(p => p.HasSummary);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/paper/" + paper.Id);

        var summary = page.Locator("section.summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("machine-written");
        Assert.True(await summary.Locator("dt").CountAsync() >= 3);
        await Expect(page.Locator("pre.bibtex-entry")).ToContainTextAsync("eprint = {" + paper.Id + "}");
        await E2EApp.ScreenshotAsync(page, "paper-summary");
        await E2EApp.ReadmeScreenshotAsync(page, "paper");
    }

    [Fact]
    public async Task PaperPage_AcceptsAnyIdForm_WhenVersionedOrRedirected()
    {
        var paper = app.Corpus.Papers.First(p => p.Id.StartsWith("2601.", StringComparison.Ordinal));
        var page = await app.NewPageAsync();

        await page.GotoAsync("/arxiv/" + paper.Id);
        Assert.EndsWith("/paper/" + paper.Id, page.Url);
        await Expect(page.Locator("h1.paper-title")).ToBeVisibleAsync();

        await page.GotoAsync("/paper/" + paper.Id + "v1");
        await Expect(page.Locator("h1.paper-title")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PaperPage_Answers404WithMessage_WhenPaperUnknown()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/paper/2601.99999");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.Locator("main")).ToContainTextAsync("not in this index");

        response = await page.GotoAsync("/paper/not-an-id");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.Locator("main")).ToContainTextAsync("not an arXiv identifier");
    }
}
