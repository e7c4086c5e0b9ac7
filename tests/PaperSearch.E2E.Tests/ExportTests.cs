using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PaperSearch.E2E.Tests;

/// <summary>The export links and Copy as a reader uses them in Chromium: a click saves a file, Copy fills the clipboard.</summary>
[Collection(E2ECollection.Name)]
public sealed class ExportTests(E2EApp app)
{
    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    private static async Task<(string Name, string Text)> DownloadAsync(IPage page, string linkText)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".export-links a", new() { HasText = linkText }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task SearchPage_BibTexLink_SavesOneEntryPerCardShown()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/?q=segmentation&mode=bm25");
        var cards = await page.Locator("article.card").CountAsync();
        Assert.True(cards > 1);

        var (name, text) = await DownloadAsync(page, "BibTeX");

        Assert.Equal($"papersearch-segmentation-{Today}.bib", name);
        Assert.Equal(cards, Regex.Matches(text, @"^@misc\{", RegexOptions.Multiline).Count);
    }

    [Fact]
    public async Task DailyListPage_RisLink_SavesOneRecordPerCardShown()
    {
        var day = TestCorpus.Days[0].ToString("yyyy-MM-dd");
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/list/cs.CV?date={day}");
        // The export is the whole day, not only the first page of cards the list shows.
        var cards = app.Corpus.Papers.Count(p => p.Day == TestCorpus.Days[0] && p.Categories.Contains("cs.CV"));
        Assert.True(cards > await page.Locator("article.card").CountAsync());

        var (name, text) = await DownloadAsync(page, "RIS");

        Assert.Equal($"papersearch-cs.cv-{day}.ris", name);
        Assert.Equal(cards, Regex.Matches(text, "^TY  - ", RegexOptions.Multiline).Count);
        Assert.Equal(cards, Regex.Matches(text, "^ER  - ", RegexOptions.Multiline).Count);
    }

    [Fact]
    public async Task SearchCard_Copy_PutsTitleAuthorsWholeAbstractAndLinkOnTheClipboard()
    {
        var page = await app.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/?q=segmentation&mode=bm25");
        var card = page.Locator("article.card").First;
        var id = await card.GetAttributeAsync("data-paper");
        var paper = app.Corpus.Papers.Single(p => p.Id == id);

        await card.Locator("[data-copy-card]").ClickAsync();
        await Expect(card.Locator("[data-copy-card]")).ToHaveTextAsync("Copied ✓");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

        var oneLine = (string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Join("\n", oneLine(paper.Title), string.Join(", ", paper.Authors.Select(oneLine)), "", oneLine(paper.Abstract), "",
            "https://arxiv.org/abs/" + paper.Id), copied);
    }
}
