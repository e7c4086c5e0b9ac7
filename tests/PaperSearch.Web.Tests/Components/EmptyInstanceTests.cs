using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Components;

/// <summary>A new instance says it is empty and how to fill it, instead of "no papers match, check the spelling".</summary>
public sealed class EmptyInstanceTests : IDisposable
{
    private readonly TempDir _dir = new("empty");

    [Fact]
    public async Task SearchOnAnEmptyInstance_SaysItHasNoPapers_AndHowToImportOrHarvest()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        var html = await app.CreateClient().GetStringAsync("/?q=graph+neural");
        Assert.Contains("This instance has no papers yet", html);
        Assert.Contains("-- import PATH", html);
        Assert.DoesNotContain("check the spelling", html);
        // The placeholder's quotes are written once, not as &amp;quot;.
        Assert.DoesNotContain("&amp;quot;", html);
    }

    [Fact]
    public async Task SearchWithNoHits_OnAnInstanceWithPapers_SuggestsOtherWords()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        await HardeningCorpus.ImportAsync(app.Services, HardeningCorpus.Write(_dir, 20));
        var html = await app.CreateClient().GetStringAsync("/?q=zzqxjv+wplkhg&mode=bm25");
        Assert.DoesNotContain("This instance has no papers yet", html);
        Assert.Contains("check the spelling", html);
    }

    [Fact]
    public async Task ADailyListAfterTheLastDay_LinksBackToTheNewestDayWithPapers()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        await HardeningCorpus.ImportAsync(app.Services, HardeningCorpus.Write(_dir, 20));
        var newest = System.Text.Json.JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/lists/cs")).RootElement.GetProperty("date").GetString();
        var html = await app.CreateClient().GetStringAsync("/list/cs?date=2030-01-01");
        Assert.Contains("No papers were announced", html);
        Assert.Contains($"rel=\"last\" href=\"/list/cs?date={newest}\"", html);
    }

    public void Dispose() => _dir.Dispose();
}
