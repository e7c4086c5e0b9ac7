using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PaperSearch.Benchmarks;

/// <summary>
/// The README's screenshots: every page of a running instance in English and Chinese, light and dark, in headless
/// Debian Chromium (the language from <c>Accept-Language</c>, the theme from <c>prefers-color-scheme</c>, as a reader's
/// browser sends them). The library pages get a library of the first hits of a search, seeded in localStorage as the
/// ☆ buttons would have stored it.
/// <c>dotnet run -c Release --project tests/PaperSearch.Benchmarks -- screenshots URL [OUT_DIR]</c>
/// </summary>
public static class ScreenshotTour
{
    /// <param name="Filter">keyword-filter settings (keyword-filter.js's localStorage value) for this page, or none</param>
    private sealed record Shot(string Name, string English, string Chinese, string? Filter = null);

    // One query per language: the Chinese one matches through the Chinese summaries, the case the Chinese reader has.
    private static readonly Shot[] Shots =
    [
        new("search", "/?q=diffusion+models+for+image+editing", "/?q=%E4%BD%8E%E5%88%86%E8%BE%A8%E7%8E%87+%E4%BA%BA%E8%84%B8%E8%AF%86%E5%88%AB"),
        new("list", "/list/cs.AI+cs.LG-cs.CY?date=2026-06-30", "/list/cs.AI+cs.LG-cs.CY?date=2026-06-30",
            """{"include":"agent*, 推理","exclude":"","match":"any","action":"highlight","fields":{"title":true,"abstract":true,"authors":true,"tldr":true}}"""),
        new("paper", "/paper/2504.13143", "/paper/2504.13143"),
        new("related-work", "/related?text=Knowledge+distillation+compresses+a+large+teacher+network+into+a+small+student+by+matching+its+soft+predictions.",
            "/related?text=Knowledge+distillation+compresses+a+large+teacher+network+into+a+small+student+by+matching+its+soft+predictions."),
        new("library", "/library", "/library"),
        new("foryou", "/foryou", "/foryou"),
        new("status", "/status", "/status"),
    ];

    private const string LibraryQuery = "/api/search?q=knowledge+distillation&mode=bm25&size=8";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:5000/");
        var outDir = Path.GetFullPath(args.Length > 1 ? args[1] : "docs/screenshots");
        Directory.CreateDirectory(outDir);
        var library = await LibraryAsync(root);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        foreach (var (language, locale) in new[] { ("en", "en-GB"), ("zh", "zh-CN") })
            foreach (var theme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    Locale = locale, ColorScheme = theme, ViewportSize = new() { Width = 1200, Height = 860 },
                });
                await context.AddInitScriptAsync($"localStorage.setItem('ps-library', {JsonSerializer.Serialize(library)});");
                var page = await context.NewPageAsync();
                await page.GotoAsync(root.ToString());
                foreach (var shot in Shots)
                {
                    await page.EvaluateAsync("f => f ? localStorage.setItem('papersearch.kwfilter.v1', f) : localStorage.removeItem('papersearch.kwfilter.v1')", shot.Filter);
                    var url = new Uri(root, language == "zh" ? shot.Chinese : shot.English);
                    await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 60_000 });
                    await page.WaitForTimeoutAsync(500); // math typeset and the library's own fetches settle
                    var file = Path.Combine(outDir, $"{shot.Name}-{language}-{(theme == ColorScheme.Dark ? "dark" : "light")}.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
                    Console.WriteLine($"{file}  ← {url}");
                }
            }
        return 0;
    }

    /// <summary>The value library.js stores under "ps-library": the first hits of one search, starred, two of them tagged.</summary>
    private static async Task<string> LibraryAsync(Uri root)
    {
        using var http = new HttpClient();
        var result = await http.GetFromJsonAsync<JsonElement>(new Uri(root, LibraryQuery));
        var papers = result.GetProperty("hits").EnumerateArray().Select((h, i) => new
        {
            id = h.GetProperty("id").GetString(),
            title = h.GetProperty("title").GetString(),
            meta = h.GetProperty("submitted").GetString(),
            tags = i < 2 ? new[] { "distillation" } : [],
            added = DateTimeOffset.UtcNow.AddDays(-i).ToString("O"),
        }).ToList();
        if (papers.Count == 0) throw new InvalidOperationException($"{LibraryQuery} found nothing: import papers first.");
        return JsonSerializer.Serialize(new { v = 1, papers, dismissed = Array.Empty<string>(), saved = (object?)null });
    }
}
