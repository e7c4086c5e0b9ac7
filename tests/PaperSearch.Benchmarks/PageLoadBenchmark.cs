using System.Diagnostics;
using Microsoft.Playwright;

namespace PaperSearch.Benchmarks;

/// <summary>
/// First response size and DOMContentLoaded of a page of a running instance, in headless Debian Chromium on loopback
/// (issue 14: the largest daily list under 300 KB and 1 s). Each run is a fresh context (cold browser cache), once
/// with scripts and once without, which tells the page's own script work apart from parsing and layout. Further
/// arguments are URL globs (e.g. <c>**/blazor.web.js</c>) refused in a third pass, to tell which script costs what.
/// </summary>
public static class PageLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 0 ? args[0] : "http://127.0.0.1:5000/list/cs?date=2026-06-02";
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(url);
        Console.WriteLine($"{url}: first response {bytes.Length / 1024.0:F0} KB (uncompressed)");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        // One navigation first, not counted: the browser's first context starts slower (measured ≈ 200 ms), which would
        // count against whichever pass comes first.
        await using (var warm = await browser.NewContextAsync()) await (await warm.NewPageAsync()).GotoAsync(url);
        var blocked = args.Skip(2).ToArray();
        foreach (var (js, block) in new[] { (true, false), (false, false) }.Concat(blocked.Length > 0 ? [(true, true)] : []))
        {
            var ttfb = new List<double>(); var interactive = new List<double>(); var dcl = new List<double>(); var load = new List<double>(); var script = new List<double>(); var task = new List<double>(); var layout = new List<double>(); var style = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = js, ViewportSize = new() { Width = 1200, Height = 900 } });
                var page = await context.NewPageAsync();
                if (block) foreach (var glob in blocked) await page.RouteAsync(glob, route => route.AbortAsync());
                // Main-thread busy time (CDP Performance metrics) as well as wall time: on a shared 2-core machine the
                // wall clock also counts waiting for a core; script and task time do not.
                var cdp = await context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Performance.enable");
                await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                // Navigation Timing is read by the browser whatever the page's JS setting (evaluate runs in the utility world).
                var t = await page.EvaluateAsync<double[]>("() => { const n = performance.getEntriesByType('navigation')[0]; return [n.domContentLoadedEventEnd, n.loadEventEnd, n.responseStart, n.domInteractive]; }");
                dcl.Add(t[0]); load.Add(t[1]); ttfb.Add(t[2]); interactive.Add(t[3]);
                var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
                    .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
                script.Add(metrics["ScriptDuration"] * 1000); task.Add(metrics["TaskDuration"] * 1000);
                layout.Add(metrics["LayoutDuration"] * 1000); style.Add(metrics["RecalcStyleDuration"] * 1000);
            }
            ttfb.Sort(); interactive.Sort(); dcl.Sort(); load.Sort(); script.Sort(); task.Sort(); layout.Sort(); style.Sort();
            var label = block ? "on, without " + string.Join(", ", blocked) : js ? "on " : "off";
            Console.WriteLine($"scripts {label}: DOMContentLoaded median {dcl[runs / 2]:F0} ms (min {dcl[0]:F0}, max {dcl[^1]:F0}); first byte {ttfb[runs / 2]:F0} ms, parsed (domInteractive) {interactive[runs / 2]:F0} ms; load median {load[runs / 2]:F0} ms; main thread to load: script {script[runs / 2]:F0} ms, layout {layout[runs / 2]:F0} ms, style {style[runs / 2]:F0} ms, all tasks {task[runs / 2]:F0} ms");
        }
        return 0;
    }
}
