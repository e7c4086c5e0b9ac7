using System.Net.Http.Json;
using System.Text.Json;

namespace PaperSearch.Web.Tests.Api;

/// <summary>Status tells apart a missing model from a loaded model with nothing embedded yet: each needs another fix.</summary>
public sealed class StatusReportTests
{
    [Theory]
    [InlineData("none", false, "unavailable: keyword ranking only")]
    [InlineData("minilm", true, "loaded; nothing embedded yet")]
    public async Task Status_SaysWhyRankingIsKeywordOnly_WhenModelMissingOrNothingEmbedded(string model, bool loaded, string badge)
    {
        using var app = new PaperSearchApp(new() { ["Embedding:Model"] = model, ["Embedding:MaxTokens"] = "128" });
        var client = app.CreateClient();

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(loaded, stats.GetProperty("modelAvailable").GetBoolean());
        Assert.False(stats.GetProperty("hybridRanking").GetBoolean());
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/status"));
        Assert.Contains(badge, page);
    }
}
