using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PaperSearch.E2E.Tests;

/// <summary>
/// axe-core's colour rules (WCAG AA text contrast; links inside text told apart by more than colour) on every kind of
/// page, in the light and the dark theme (the theme follows prefers-color-scheme), in both interface languages.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ContrastTests(E2EApp app)
{
    public static TheoryData<string, string, string> Pages()
    {
        var data = new TheoryData<string, string, string>();
        var paper = TestCorpus.MathId;
        string[] paths =
        [
            "/", "/?q=benchmark", $"/list/cs.CL?date={TestCorpus.Days[0]:yyyy-MM-dd}", $"/paper/{paper}", "/status",
            "/related", "/library", "/foryou", "/list/cs.CL?date=2030-01-01",
        ];
        foreach (var scheme in new[] { "light", "dark" })
            foreach (var locale in new[] { "en-US", "zh-CN" })
                foreach (var path in paths) data.Add(path, scheme, locale);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoColourContrastFailure(string path, string scheme, string locale)
    {
        var page = await app.NewPageAsync(locale: locale);
        try { await CheckAsync(page, path, scheme, locale); }
        finally { await page.Context.CloseAsync(); }
    }

    private static async Task CheckAsync(IPage page, string path, string scheme, string locale)
    {
        await page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await page.GotoAsync(path);
        // Open what a reader opens, so its colours are checked too: the keyword filter, a TL;DR, a BibTeX block.
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await page.EvaluateAsync("() => document.querySelectorAll('[data-kw=include]').forEach(i => { i.value = 'model'; i.dispatchEvent(new Event('input', { bubbles: true })); })");
        await page.WaitForTimeoutAsync(300); // the filter's debounce, so its marks are in place

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast", "link-in-text-block"] },
        });

        var failures = result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id}: {n.Target} — {n.Any.Concat(n.All).FirstOrDefault()?.Message} — {n.Html}")).ToList();
        Assert.True(failures.Count == 0, $"{path} ({scheme}, {locale}):\n" + string.Join("\n", failures.Take(20)));
    }
}
