namespace PaperSearch.Web.Tests.Pages;

/// <summary>A query that matches a paper's Chinese summary opens that summary on the search card, with the matches marked.</summary>
public sealed class SummaryMatchCardTests(CardPagesApp app) : IClassFixture<CardPagesApp>
{
    private const string ChineseQuery = "/?q=低分辨率 人脸识别&mode=bm25";

    [Fact]
    public async Task SearchCard_OpensTldrWithMarks_WhenChineseQueryMatchesIt()
    {
        var page = await CardPagesApp.PageAsync(app.Client(), ChineseQuery);

        var details = CardPagesApp.Card(page, CardPagesApp.FaceTldr).QuerySelector("details.tldr")!;
        Assert.True(details.HasAttribute("open"));
        var tldr = details.QuerySelector("p[lang=zh]")!;
        Assert.Equal(CardPagesApp.FaceTldrSummary.Tldr, tldr.TextContent);
        var marked = tldr.QuerySelectorAll("mark").Select(m => m.TextContent).ToList();
        Assert.Contains(marked, m => m.Contains("分辨率"));
        Assert.Contains(marked, m => m.Contains("识别"));
        Assert.Empty(details.QuerySelectorAll(".tldr-match"));
    }

    [Fact]
    public async Task SearchCard_ShowsMatchingAnswerUnderItsQuestion_WhenOnlyTheMethodMatches()
    {
        var page = await CardPagesApp.PageAsync(app.Client(), ChineseQuery);

        var details = CardPagesApp.Card(page, CardPagesApp.FaceMethod).QuerySelector("details.tldr")!;
        Assert.True(details.HasAttribute("open"));
        // The TL;DR as it is (it does not match), then the method, marked, under its question.
        Assert.Empty(details.QuerySelector("p[lang=zh]")!.QuerySelectorAll("mark"));
        var match = details.QuerySelector("p.tldr-match")!;
        Assert.Equal("What method does it propose?", match.QuerySelector(".tldr-question")!.TextContent);
        var answer = match.QuerySelector("span[lang=zh]")!;
        Assert.Equal(CardPagesApp.FaceMethodSummary.Method, answer.TextContent);
        Assert.NotEmpty(answer.QuerySelectorAll("mark"));
    }

    [Fact]
    public async Task SearchCard_KeepsSummaryFolded_WhenTheTitleShowsTheMatch()
    {
        // An English query the title answers: the summary would only repeat it, so it stays folded and unmarked.
        var page = await CardPagesApp.PageAsync(app.Client(), "/?q=speech translation&mode=bm25");

        var card = CardPagesApp.Card(page, CardPagesApp.Speech);
        Assert.NotEmpty(card.QuerySelectorAll(".card-title mark"));
        var details = card.QuerySelector("details.tldr")!;
        Assert.False(details.HasAttribute("open"));
        Assert.Empty(details.QuerySelectorAll("mark"));
    }

    [Fact]
    public async Task SearchApi_NamesTheMatchedSummaryPart_WhenChineseQueryMatchesIt()
    {
        using var response = await app.Client().GetAsync("/api/search?q=低分辨率 人脸识别&mode=bm25");
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var parts = json.GetProperty("hits").EnumerateArray()
            .ToDictionary(h => h.GetProperty("id").GetString()!, h => h.GetProperty("highlights").GetProperty("summary"));
        Assert.Equal("tldr", parts[CardPagesApp.FaceTldr.Id].GetProperty("part").GetString());
        Assert.Equal("method", parts[CardPagesApp.FaceMethod.Id].GetProperty("part").GetString());
        Assert.Contains("<mark>", parts[CardPagesApp.FaceMethod.Id].GetProperty("html").GetString());
    }
}
