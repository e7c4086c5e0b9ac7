using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

/// <summary>TeX by KaTeX on a 390 px phone (issue 14): nothing widens the page, text macros render, highlights keep formulas whole.</summary>
[Collection(E2ECollection.Name)]
public sealed class TexTests(E2EApp app)
{
    private const int Phone = 390;

    private static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>A phone with site.js's cookie already set, so results and related papers stream in (content that arrives late).</summary>
    private async Task<IPage> PhoneAsync()
    {
        var page = await app.NewPageAsync(width: Phone, height: 844);
        await page.GotoAsync("/status");
        await page.WaitForFunctionAsync("() => document.cookie.includes('ps-js=1')");
        return page;
    }

    [Fact]
    public async Task PaperPage_KeepsPhoneWidthAndRendersMath_WhenAbstractHasLongFormulas()
    {
        var page = await PhoneAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        var failedRequests = new List<string>();
        page.RequestFailed += (_, r) => failedRequests.Add(r.Url);
        await page.GotoAsync("/paper/" + TestCorpus.MathId);

        var title = page.Locator("h1.paper-title");
        var abstractText = page.Locator(".paper-abstract");
        await Expect(title.Locator(".katex")).ToHaveCountAsync(1);
        await Expect(abstractText.Locator(".katex-display")).ToHaveCountAsync(1);
        await Expect(abstractText.Locator(".tex-math .katex")).ToHaveCountAsync(4); // inline, display, $n$, wide inline
        Assert.True(await PageWidthAsync(page) <= Phone, $"page is {await PageWidthAsync(page)} px wide");
        await E2EApp.ScreenshotAsync(page, "tex-paper-phone-full");
        // Every formula stays inside the column: it wraps at its relations or scrolls inside its own box.
        var overflowing = await page.EvaluateAsync<string[]>(
            "w => [...document.querySelectorAll('.katex')].filter(k => k.getBoundingClientRect().right > w).map(k => k.closest('.tex-math').dataset.tex)", Phone);
        Assert.Empty(overflowing);
        Assert.True(await abstractText.Locator(".katex-display").EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the display formula scrolls");
        // Inline math flows with the text where KaTeX may break it; the one it may not scrolls in a box of its own.
        var wide = abstractText.Locator(".tex-math.tex-wide");
        await Expect(wide).ToHaveCountAsync(1);
        Assert.Equal(TestCorpus.WideInline, await wide.GetAttributeAsync("data-tex"));
        Assert.True(await wide.Locator(".katex").EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the wide inline formula scrolls");

        // \texttt inside math (KaTeX) and outside it (TexHtml): monospace, no backslash left.
        var titleText = await title.InnerTextAsync();
        Assert.DoesNotContain("\\", titleText);
        Assert.DoesNotContain("$", titleText);
        await Expect(title.Locator(".katex .texttt")).ToHaveCountAsync(1);
        await Expect(title.Locator("code")).ToHaveTextAsync("Text-Mode");
        Assert.Contains("mono", await title.Locator("code").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"), StringComparison.OrdinalIgnoreCase);
        await Expect(title.Locator("em")).ToHaveTextAsync("quokka");
        await Expect(abstractText.Locator("b")).ToHaveTextAsync("quokka");
        await Expect(abstractText).ToContainTextAsync("“quoted” words");

        // The formula KaTeX cannot parse shows its source, in the text's colour, not a red error.
        var broken = abstractText.Locator(".tex-math.tex-error");
        await Expect(broken).ToHaveTextAsync(TestCorpus.BrokenFormula);
        Assert.Equal(0, await page.Locator(".katex-error").CountAsync());
        Assert.Equal(await abstractText.EvaluateAsync<string>("e => getComputedStyle(e).color"),
            await broken.EvaluateAsync<string>("e => getComputedStyle(e).color"));

        // Related papers stream in after the page: the page stays phone-wide with them.
        await Expect(page.Locator("#related .related-item").First).ToBeVisibleAsync();
        Assert.True(await PageWidthAsync(page) <= Phone);
        // KaTeX's script, styles and fonts load from this site under its CSP: no violation, no failed request.
        Assert.Empty(consoleErrors);
        Assert.Empty(failedRequests);
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('16px KaTeX_Main')"), "KaTeX's font is loaded");
        await E2EApp.ScreenshotAsync(page, "tex-paper-phone", fullPage: false);
    }

    [Theory]
    [InlineData("2601.08927", 20)] // real inline math: $g \ge 2$, $p \times p \times p$ …
    [InlineData("2601.08545", 0)]  // real text-mode TeX: \textbf{L}earner-Tailored, \textbf{\textsc{…}}
    public async Task PaperPage_RendersRealAbstract_AtPhoneWidth(string id, int formulas)
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/paper/" + id);

        var abstractText = page.Locator(".paper-abstract");
        if (formulas > 0) await Expect(abstractText.Locator(".katex").Nth(formulas - 1)).ToBeAttachedAsync();
        var text = await abstractText.EvaluateAsync<string>("e => e.querySelector('.katex') ? '' : e.innerText");
        Assert.DoesNotContain("\\textbf", text);
        Assert.DoesNotContain("$", await abstractText.EvaluateAsync<string>(
            "e => { const c = e.cloneNode(true); c.querySelectorAll('.katex').forEach(k => k.remove()); return c.textContent; }"));
        Assert.True(await PageWidthAsync(page) <= Phone, $"{id} is {await PageWidthAsync(page)} px wide");
        await E2EApp.ScreenshotAsync(page, "tex-real-" + id, fullPage: false);
        if (formulas > 0) await E2EApp.ReadmeScreenshotAsync(page, "paper-math-phone");
    }

    [Fact]
    public async Task SearchCard_RendersHighlightedFormulaAsMath_WhenMatchIsInsideMath()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("ti:wombat") + "&mode=bm25");

        var card = page.Locator($"article.card[data-paper='{TestCorpus.HighlightId}']");
        var title = card.Locator(".card-title");
        await Expect(title.Locator("mark .tex-math .katex")).ToHaveCountAsync(1);
        Assert.DoesNotContain("$", await title.InnerTextAsync());
        Assert.DoesNotContain("$", await card.Locator(".card-abstract").InnerTextAsync());
        await Expect(card.Locator(".card-abstract .katex")).ToHaveCountAsync(1);
        await E2EApp.ScreenshotAsync(page, "tex-highlight-phone", fullPage: false);

        // Enhanced navigation patches the page in place: the paper's formulas are typeset there too.
        await title.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/paper/" + TestCorpus.HighlightId);
        await Expect(page.Locator($"article.paper[data-paper='{TestCorpus.HighlightId}'] h1 .tex-math .katex")).ToHaveCountAsync(1);
        await Expect(page.Locator(".paper-abstract .katex")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task SearchCard_KeepsPhoneWidth_WhenBibTexIsOpen()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("quokka") + "&mode=bm25");

        var card = page.Locator($"article.card[data-paper='{TestCorpus.MathId}']");
        await Expect(card.Locator(".card-title .katex")).ToHaveCountAsync(1);
        await card.Locator("details.bibtex summary").ClickAsync();
        await Expect(card.Locator("pre.bibtex-entry")).ToBeVisibleAsync();
        Assert.True(await PageWidthAsync(page) <= Phone, $"page is {await PageWidthAsync(page)} px wide with BibTeX open");

        // And on an ordinary page of real results, every BibTeX entry open at once.
        await page.GotoAsync("/?q=segmentation");
        await Expect(page.Locator("article.card").First).ToBeVisibleAsync();
        await page.Locator("details.bibtex").EvaluateAllAsync<int>("ds => { ds.forEach(d => d.open = true); return ds.length; }");
        Assert.True(await PageWidthAsync(page) <= Phone, $"page is {await PageWidthAsync(page)} px wide with every BibTeX open");
        await page.Locator("details.bibtex").First.ScrollIntoViewIfNeededAsync();
        await E2EApp.ScreenshotAsync(page, "tex-bibtex-phone", fullPage: false);
    }
}
