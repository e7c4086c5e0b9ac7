using AngleSharp.Html.Parser;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Web.Components.Charts;
using PaperSearch.Web.Status;

namespace PaperSearch.Web.Tests.Pages;

/// <summary>The /status chart over a store of nine months in two archives: weekly bars from the first day to the last, each a link to that week's first list.</summary>
public sealed class StatusChartTests(StatusChartTests.RangeApp app) : IClassFixture<StatusChartTests.RangeApp>
{
    public static readonly DateOnly First = new(2025, 1, 8);   // a Wednesday
    public static readonly DateOnly Last = new(2025, 9, 30);   // a Tuesday, alone in its week

    /// <summary>Papers on the first and last day, and on one day of every fourth week between (so most weeks are empty).</summary>
    public static readonly IReadOnlyList<Paper> Papers =
    [
        Paper("2501.60001", First, "cs.CL"), Paper("2501.60002", First, "math.AG"),
        .. Enumerable.Range(1, 9).Select(i => Paper($"2503.6{i:0000}", First.AddDays(28 * i), i % 2 == 0 ? "cs.LG" : "math.NT")),
        Paper("2509.60001", Last, "cs.CL"),
    ];

    private static Paper Paper(string id, DateOnly day, string category) => new()
    {
        Id = id, Title = "Paper " + id, Abstract = "An abstract.", Authors = ["Ann Bell"], Categories = [category], ListingDate = day,
    };

    public sealed class RangeApp : IAsyncLifetime
    {
        public PaperSearchApp App { get; } = new(new() { ["RateLimit:Enabled"] = "false" });

        public async Task InitializeAsync()
        {
            await App.Services.GetRequiredService<PaperStore>().UpsertAsync(Papers);
            await App.Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync();
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string url, string? language = null)
    {
        var client = app.App.CreateClient();
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return new HtmlParser().ParseDocument(await client.GetStringAsync(url));
    }

    [Fact]
    public async Task StatusChart_HasAWeeklyBarForEveryWeekFromFirstToLastDay_EachWithPapersLinkingToItsList()
    {
        var page = await PageAsync("/status");

        var slots = page.QuerySelectorAll(".day-chart .chart-bars > rect, .day-chart .chart-bars > a").ToList();
        var weeks = (ChartBars.StartOf(Last, ChartUnit.Week).DayNumber - ChartBars.StartOf(First, ChartUnit.Week).DayNumber) / 7 + 1;
        Assert.Equal(weeks, slots.Count);
        Assert.Equal("Papers per week", page.QuerySelector(".day-chart > title")!.TextContent);

        var links = page.QuerySelectorAll(".day-chart .chart-bars a").Select(a => a.GetAttribute("href")!).ToList();
        var days = Papers.Select(p => p.ListingDate!.Value).Distinct().Order().ToList();
        Assert.Equal(days.Select(d => $"/list/cs+math?date={d:yyyy-MM-dd}"), links);
        Assert.Equal(links[0], slots[0].GetAttribute("href"));
        Assert.Equal(links[^1], slots[^1].GetAttribute("href"));
        // Every link says its bar in words: the week, its count and the day it opens.
        Assert.Equal("Week of 6 Jan 2025: 2 papers. Open the daily list of 8 Jan 2025", slots[0].GetAttribute("aria-label"));
        Assert.Equal("Week of 29 Sep 2025: 1 paper. Open the daily list of 30 Sep 2025", slots[^1].GetAttribute("aria-label"));
        Assert.Equal("svg", slots[0].ParentElement!.ParentElement!.LocalName);
        Assert.Equal("group", page.QuerySelector(".day-chart")!.GetAttribute("role"));
    }

    [Fact]
    public async Task StatusChart_LinksLeadToListsWithThatDaysPapers()
    {
        var page = await PageAsync("/status");
        var href = page.QuerySelectorAll(".day-chart .chart-bars a").Last().GetAttribute("href")!;

        var list = await PageAsync(href);

        Assert.Equal(["2509.60001"], list.QuerySelectorAll("article.card").Select(c => c.GetAttribute("data-paper")));
        Assert.Equal("1 paper", list.QuerySelector(".result-summary")!.TextContent.Trim()); // not "1 papers"
    }

    [Fact]
    public async Task StatusChart_SpeaksChinese_WhenPageIsChinese()
    {
        var page = await PageAsync("/status", "zh-CN");

        Assert.Equal("每周的论文数", page.QuerySelector(".day-chart > title")!.TextContent);
        Assert.StartsWith("2025年1月6日 起的一周：2 篇论文", page.QuerySelector(".day-chart .chart-bars a")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task StatsApi_KeepsItsSixtyDays_WhileThePageShowsTheWholeRange()
    {
        var json = System.Text.Json.JsonDocument.Parse(await app.App.CreateClient().GetStringAsync("/api/stats")).RootElement;

        var days = json.GetProperty("papersPerDay").EnumerateArray().Select(d => DateOnly.Parse(d.GetProperty("day").GetString()!)).ToList();
        Assert.All(days, d => Assert.True(d > Last.AddDays(-60)));
        Assert.Contains(Last, days);
    }
}
