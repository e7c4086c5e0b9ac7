using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Jobs;
using PaperSearch.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

[Collection(E2ECollection.Name)]
public sealed class StatusPageTests(E2EApp app)
{
    [Fact]
    public async Task StatusPage_ShowsCountsAndDayChart_WhenStoreHasPapers()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/status");

        await Expect(page.Locator("dl.stats")).ToContainTextAsync(app.Corpus.Papers.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        var chart = page.Locator("svg.day-chart");
        // Bars are links to their daily lists, so the picture is a group whose links screen readers reach.
        await Expect(chart).ToHaveAttributeAsync("role", "group");
        Assert.True(await chart.Locator(".chart-bars a[href^='/list/']").CountAsync() >= 1);
        await Expect(page.Locator("a[href='/jobs']")).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(page, "status");
        await E2EApp.ReadmeScreenshotAsync(page, "status");
    }

    [Fact]
    public void BrowserTestHost_HarvestsFromLoopbackOnly_AndSchedulesNoHarvest()
    {
        var endpoint = app.Services.GetRequiredService<IOptions<HarvestOptions>>().Value.Endpoint.ToString();
        Assert.True(OfflineHarvest.IsLoopback(endpoint), $"the browser tests' host harvests from {endpoint}");
        Assert.Equal("", app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.HarvestCron);
    }
}
