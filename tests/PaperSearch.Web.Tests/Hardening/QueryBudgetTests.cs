using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using PaperSearch.Indexer.Index;
using PaperSearch.TestSupport;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>Search:TimeBudgetMs: a query that runs out of time answers with what it found, flagged, in the API and the UI.</summary>
public sealed class QueryBudgetTests
{
    [Fact]
    public async Task Search_ReturnsPartialResultsWithNotice_WhenTimeBudgetRunsOut()
    {
        using var scratch = new TempDir("budget");
        using var baseApp = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false", ["Search:TimeBudgetMs"] = "100" });
        // Every clock read is 10 ms, so the budget runs out after ~10 checks (one per 64 documents collected).
        using var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddKeyedSingleton<TimeProvider>(PaperSearcher.ClockKey, new SteppingClock(TimeSpan.FromMilliseconds(10)))));
        await HardeningCorpus.ImportAsync(app.Services, HardeningCorpus.Write(scratch, 2000));
        var client = app.CreateClient();

        var api = await client.GetFromJsonAsync<JsonElement>("/api/search?q=learning&mode=bm25");
        var page = await client.GetStringAsync("/?q=learning&mode=bm25");

        Assert.True(api.GetProperty("partial").GetBoolean());
        Assert.Equal(SearchService.PartialNotice, api.GetProperty("notice").GetString());
        Assert.Equal(20, api.GetProperty("hits").GetArrayLength());
        Assert.Contains("Partial results.", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(SearchService.PartialNotice), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_IsCompleteWithoutNotice_WhenWithinBudget()
    {
        using var scratch = new TempDir("budget");
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        await HardeningCorpus.ImportAsync(app.Services, HardeningCorpus.Write(scratch, 300));

        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/search?q=learning&mode=bm25");

        Assert.False(api.GetProperty("partial").GetBoolean());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("notice").ValueKind);
    }
}
