using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>
/// The endpoints that read the store (paper, stats, daily lists and their feeds) on either provider: six papers over
/// three listing days, with instants that carry a non-UTC offset and categories whose order matters.
/// </summary>
public sealed class StoreEndpointsTests(PerStore<StoreEndpointsTests.ListingApp> apps) : IClassFixture<PerStore<StoreEndpointsTests.ListingApp>>
{
    private static readonly DateOnly Tuesday = new(2025, 3, 18), Monday = new(2025, 3, 17), WeekBefore = new(2025, 3, 10);

    // 23:30 at UTC−5 is 04:30 UTC the next day: a store that dropped the offset would move the paper a day.
    private static readonly DateTimeOffset LateEvening = new(2025, 3, 17, 23, 30, 0, TimeSpan.FromHours(-5));

    private static readonly Paper[] Papers =
    [
        new() { Id = "2503.10001", Title = "Sparse attention for long documents", Authors = ["Zoë Ünal", "Ann Bell"], Categories = ["cs.CL", "cs.LG"],
            ListingDate = Tuesday, Submitted = LateEvening, Updated = LateEvening.AddDays(1), Version = 2,
            Versions = [new(1, LateEvening, "120kb"), new(2, LateEvening.AddDays(1), "130kb")] },
        new() { Id = "2503.10002", Title = "Gradient noise in small batches", Authors = ["Bo Li"], Categories = ["cs.LG", "cs.CL"], ListingDate = Tuesday },
        new() { Id = "2503.10003", Title = "Depth from defocus", Authors = ["Cy Ode"], Categories = ["cs.CV"], ListingDate = Monday },
        new() { Id = "2503.10004", Title = "Tokenisers for Uzbek", Authors = ["Di Em"], Categories = ["cs.CL"], ListingDate = Monday },
        new() { Id = "2503.10005", Title = "Parsing with pointer networks", Authors = ["Ed Fu"], Categories = ["cs.CL"], ListingDate = WeekBefore },
        new() { Id = "hep-th/9901001", Title = "Strings on a circle", Authors = ["Fay Go"], Categories = ["hep-th"], ListingDate = WeekBefore },
    ];

    private static readonly AiSummary DefocusSummary = new("用散焦估计深度。", null, null, null, null);

    public sealed class ListingApp : IStoreFixture<ListingApp>
    {
        private ListingApp(PaperSearchApp app) => (App, Client) = (app, app.CreateClient());

        public PaperSearchApp App { get; }
        public HttpClient Client { get; }

        public static async Task<ListingApp> CreateAsync(StoreKind kind)
        {
            var app = new ListingApp(new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" }, kind));
            await app.App.Services.GetRequiredService<PaperStore>().UpsertAsync(Papers);
            await app.App.Services.GetRequiredService<PaperStore>().UpsertSummariesAsync([("2503.10003", DefocusSummary, "test")]);
            await app.App.Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync();
            return app;
        }

        public ValueTask DisposeAsync()
        {
            Client.Dispose();
            App.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private async Task<HttpClient> ClientAsync(StoreKind store) => (await apps.GetAsync(store)).Client;

    [Theory, SqliteStore, PostgresStore]
    public async Task Paper_ReturnsStoredRecord_WithInstantsAndOrdersIntact(StoreKind store)
    {
        var body = await (await ClientAsync(store)).GetFromJsonAsync<JsonElement>("/api/papers/2503.10001v2");
        var paper = body.GetProperty("paper");

        Assert.Equal(["cs.CL", "cs.LG"], paper.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Zoë Ünal", "Ann Bell"], paper.GetProperty("authors").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(LateEvening, paper.GetProperty("submitted").GetDateTimeOffset());
        Assert.Equal(LateEvening.AddDays(1), paper.GetProperty("updated").GetDateTimeOffset());
        Assert.Equal("2025-03-18", paper.GetProperty("listingDate").GetString());
        Assert.Equal([1, 2], paper.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(LateEvening, paper.GetProperty("versions")[0].GetProperty("date").GetDateTimeOffset());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Stats_CountsPapersPerListingDay_WhenPapersSpanSeveralDays(StoreKind store)
    {
        var stats = await (await ClientAsync(store)).GetFromJsonAsync<JsonElement>("/api/stats");

        Assert.Equal(Papers.Length, stats.GetProperty("papers").GetInt32());
        Assert.Equal(Papers.Length, stats.GetProperty("indexedPapers").GetInt32());
        var perDay = stats.GetProperty("papersPerDay").EnumerateArray()
            .Select(d => (Day: d.GetProperty("day").GetString(), Count: d.GetProperty("count").GetInt32()))
            .Where(d => d.Count > 0).ToList();
        Assert.Equal([("2025-03-10", 2), ("2025-03-17", 2), ("2025-03-18", 2)], perDay);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task ListFeed_ListsNewestDayOfTheCategory_WhenNoDateGiven(StoreKind store)
    {
        var client = await ClientAsync(store);

        Assert.Equal(["2503.10002", "2503.10001"], await FeedIdsAsync(client, "/feed/list/cs.CL"));
        Assert.Equal(["2503.10004"], await FeedIdsAsync(client, "/feed/list/cs.CL?date=2025-03-17"));
        Assert.Equal(["2503.10003"], await FeedIdsAsync(client, "/feed/list/cs.CV"));
        Assert.Equal(["hep-th/9901001"], await FeedIdsAsync(client, "/feed/list/hep-th"));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task ListPage_ShowsTheDaysPapers_AndLinksTheNeighbourDays(StoreKind store)
    {
        var response = await (await ClientAsync(store)).GetAsync("/list/cs.CL?date=2025-03-17");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tokenisers for Uzbek", html);
        Assert.DoesNotContain("Sparse attention for long documents", html);
        Assert.Contains("href=\"/list/cs.CL?date=2025-03-10\"", html);
        Assert.Contains("href=\"/list/cs.CL?date=2025-03-18\"", html);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task ListApi_ReturnsNewestDay_WithNeighbourDaysCountsAndSummaries(StoreKind store)
    {
        var client = await ClientAsync(store);

        var newest = await client.GetFromJsonAsync<JsonElement>("/api/lists/cs.CL");
        Assert.Equal("2025-03-18", newest.GetProperty("date").GetString());
        Assert.Equal("2025-03-17", newest.GetProperty("previousDate").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("nextDate").ValueKind);
        Assert.Equal(["2503.10002", "2503.10001"], Ids(newest));
        Assert.Equal(2, newest.GetProperty("total").GetInt32());
        // Counted within the expression: both papers are cs.CL, and cs.LG is outside it.
        Assert.Equal([("cs.CL", 2)], newest.GetProperty("categories").EnumerateArray()
            .Select(c => (c.GetProperty("category").GetString(), c.GetProperty("count").GetInt32())));

        var monday = await client.GetFromJsonAsync<JsonElement>("/api/lists/cs.CL+cs.CV?date=2025-03-17");
        Assert.Equal(["2503.10003", "2503.10004"], Ids(monday).Order());
        Assert.Equal("2025-03-10", monday.GetProperty("previousDate").GetString());
        Assert.Equal("2025-03-18", monday.GetProperty("nextDate").GetString());
        var defocus = monday.GetProperty("papers").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "2503.10003");
        Assert.Equal(DefocusSummary.Tldr, defocus.GetProperty("tldr").GetString());
        Assert.Equal("2025-03-17", defocus.GetProperty("date").GetString());

        var excluded = await client.GetFromJsonAsync<JsonElement>("/api/lists/cs-cs.CL?date=2025-03-17");
        Assert.Equal(["2503.10003"], Ids(excluded));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task ListApi_Answers400WithTheFix_WhenExpressionOrDateIsBad(StoreKind store)
    {
        var client = await ClientAsync(store);

        var (status, problem) = await ProblemAsync(client, "/api/lists/cs.XX");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("cs.XX", problem.GetProperty("errors").GetProperty("expr")[0].GetString());

        (status, problem) = await ProblemAsync(client, "/api/lists/cs.CL?date=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("YYYY-MM-DD", problem.GetProperty("errors").GetProperty("date")[0].GetString());
        Assert.Contains("YYYY-MM-DD", problem.GetProperty("detail").GetString());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task ListApi_AnswersEmptyDay_WhenNothingWasAnnounced(StoreKind store)
    {
        var client = await ClientAsync(store);
        var body = await client.GetFromJsonAsync<JsonElement>("/api/lists/math.AG?date=2025-03-18");

        Assert.Equal(0, body.GetProperty("total").GetInt32());
        Assert.Empty(body.GetProperty("papers").EnumerateArray());
        // The calendar's ends have no neighbour day to look for.
        foreach (var url in new[] { "/api/lists/cs.CL?date=0001-01-01", "/api/lists/cs.CL?date=9999-12-31", "/list/cs.CL?date=0001-01-01", "/feed/list/cs.CL?date=9999-12-31" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    private static IEnumerable<string?> Ids(JsonElement list) => list.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString());

    private static async Task<(HttpStatusCode, JsonElement)> ProblemAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Both providers give the same answers, byte for byte, for every paper and for the stats' day counts.</summary>
    [PostgresFact]
    public async Task Endpoints_AnswerAlike_OnSqliteAndPostgres()
    {
        var (sqlite, postgres) = (await ClientAsync(StoreKind.Sqlite), await ClientAsync(StoreKind.Postgres));
        foreach (var url in Papers.Select(p => "/api/papers/" + p.Id).Append("/feed/list/cs.CL?date=2025-03-18").Append("/api/lists/cs?date=2025-03-17"))
            Assert.Equal(Normalise(await sqlite.GetStringAsync(url)), Normalise(await postgres.GetStringAsync(url)));
        var days = await Task.WhenAll(sqlite.GetFromJsonAsync<JsonElement>("/api/stats"), postgres.GetFromJsonAsync<JsonElement>("/api/stats"));
        Assert.Equal(days[0].GetProperty("papersPerDay").GetRawText(), days[1].GetProperty("papersPerDay").GetRawText());
    }

    /// <summary>A feed's own timestamp (its first &lt;updated&gt;) is the time of the request; everything else must match.</summary>
    private static string Normalise(string body) => FeedStamp.Replace(body, "<updated/>", 1);

    private static readonly System.Text.RegularExpressions.Regex FeedStamp = new("<updated>[^<]*</updated>");

    private static async Task<List<string>> FeedIdsAsync(HttpClient client, string url)
    {
        var feed = XDocument.Parse(await client.GetStringAsync(url));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        return [.. feed.Descendants(atom + "entry").Select(e => e.Element(atom + "id")!.Value.Split("/abs/")[^1])];
    }
}
