using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PaperSearch.Web.Exports;

namespace PaperSearch.Web.Tests.Exports;

/// <summary>The download endpoints on a real host over real papers: media types, file names, limits, and files that read back.</summary>
public sealed class ExportEndpointsTests(ExportApp app) : IClassFixture<ExportApp>
{
    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    public static TheoryData<string, string, string> Downloads => new()
    {
        { $"/api/papers/{ExportApp.FirstId}/cite?format=bibtex", ExportFormat.BibTex.MediaType, $"papersearch-{ExportApp.FirstId}.bib" },
        { $"/api/papers/{ExportApp.FirstId}v2/cite?format=RIS", ExportFormat.Ris.MediaType, $"papersearch-{ExportApp.FirstId}.ris" },
        { $"/api/papers/{ExportApp.FirstId}/cite", ExportFormat.BibTex.MediaType, $"papersearch-{ExportApp.FirstId}.bib" },
        { "/api/search/export?q=Gaussian%20Splatting&format=ris", ExportFormat.Ris.MediaType, "papersearch-gaussian-splatting-{today}.ris" },
        { $"/api/lists/cs.CV+cs.RO/export?date={ExportApp.FirstDay}&format=bibtex", ExportFormat.BibTex.MediaType, $"papersearch-cs.cv+cs.ro-{ExportApp.FirstDay}.bib" },
        { $"/api/export?ids={ExportApp.FirstId},2503.11742&format=bib", ExportFormat.BibTex.MediaType, "papersearch-selection-{today}.bib" },
    };

    [Theory, MemberData(nameof(Downloads))]
    public async Task Download_SendsMediaTypeAndAttachmentFileName(string url, string mediaType, string fileName)
    {
        using var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal(fileName.Replace("{today}", Today), disposition?.FileName?.Trim('"'));
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("cs.CV", ExportApp.FirstDay)]
    [InlineData("cs", ExportApp.FirstDay)]
    [InlineData("cs.AI+cs.LG-cs.CV", null)]
    public async Task ListExport_ReadsBackAsOneRisRecordPerListedPaper(string expression, string? date)
    {
        var query = date is null ? "" : "?date=" + date;
        var list = await app.Client.GetFromJsonAsync<JsonElement>($"/api/lists/{expression}{query}");
        var listed = list.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(listed);

        var ris = await app.Client.GetStringAsync(ExportUrls.List(expression, date is null ? null : DateOnly.Parse(date), ExportFormat.Ris));
        var records = RisReader.Read(ris);

        Assert.Equal(list.GetProperty("total").GetInt32(), records.Count);
        Assert.Equal(listed, records.Select(r => r.One("ID")));
    }

    [Fact]
    public async Task SearchExport_HoldsThePapersOfThePage_InTheOrderTheSearchShows()
    {
        const string Search = "q=learning%20models&mode=bm25&size=7&page=2";
        var page = await app.Client.GetFromJsonAsync<JsonElement>("/api/search?" + Search);
        var shown = page.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.Equal(7, shown.Count);

        var bib = await app.Client.GetStringAsync($"{ExportUrls.SearchPath}?{Search}&format=bibtex");

        Assert.Equal(shown, BibTexReader.Read(bib).Select(e => e.Fields["eprint"]));
    }

    [Fact]
    public async Task SelectionExport_Of20RandomRealPapers_ReadsBackIntoTheirFields_InBothFormats()
    {
        var random = new Random(15); // issue 15; a fixed seed, so a failure names the same papers on the next run
        var ids = app.Papers.Keys.Order(StringComparer.Ordinal).OrderBy(_ => random.Next()).Take(20).ToList();
        var url = ExportUrls.Selection(ids, ExportFormat.BibTex);

        var entries = BibTexReader.Read(await app.Client.GetStringAsync(url));
        var records = RisReader.Read(await app.Client.GetStringAsync(ExportUrls.Selection(ids, ExportFormat.Ris)));

        Assert.Equal(ids, entries.Select(e => e.Fields["eprint"]));
        Assert.Equal(ids, records.Select(r => r.One("ID")));
        foreach (var (entry, record) in entries.Zip(records))
        {
            var paper = app.Papers[entry.Fields["eprint"]];
            string[] expected = ["title", "author", "year", "month", "eprint", "archivePrefix", "primaryClass", "url",
                .. paper.Doi is null ? Array.Empty<string>() : ["doi"], .. paper.JournalRef is null ? Array.Empty<string>() : ["note"]];
            Assert.Equal(expected.Order(), entry.Fields.Keys.Order());
            Assert.Equal(paper.Authors.Count, entry.Fields["author"].Split(" and ").Length);
            Assert.Equal(paper.Authors.Count, record.All("AU").Count);
            Assert.Equal(Citation.DateOf(paper)!.Value.Year.ToString(), entry.Fields["year"]);
            // A new-style id names its submission year and month: arXiv's own BibTeX year.
            if (paper.Submitted is null && PaperSearch.Papers.ArxivId.MonthOf(paper.Id) is { } month)
                Assert.Equal(month.Year.ToString(), entry.Fields["year"]);
            Assert.Equal(paper.PrimaryCategory, entry.Fields["primaryClass"]);
            Assert.Equal(paper.Categories, record.All("KW"));
            var oneLineTitle = string.Join(' ', paper.Title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(oneLineTitle, record.One("TI"));
            // Where the title holds nothing BibTeX must escape, the value is the title itself.
            if (!oneLineTitle.Any(ch => ch is '{' or '}' or '\\' or '%' or '&' or '#')) Assert.Equal(oneLineTitle, entry.Fields["title"]);
        }
    }

    [Fact]
    public async Task SelectionExport_Is400NamingTheCap_WhenItHasMoreIdsThanTheCap()
    {
        var ids = Enumerable.Range(1, SelectionRequest.MaxIds + 1).Select(i => $"2503.{i:D5}");

        using var response = await app.Client.GetAsync(ExportUrls.Selection(ids, ExportFormat.BibTex));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"A selection holds at most {SelectionRequest.MaxIds} ids; this one has {SelectionRequest.MaxIds + 1}. Split it into several downloads.",
            problem.GetProperty("errors").GetProperty("ids")[0].GetString());
    }

    [Fact]
    public async Task SelectionExport_LeavesOutUnknownIdsAndNamesThem_WhenSomeAreNotStored()
    {
        using var response = await app.Client.GetAsync($"/api/export?ids=2503.99998,{ExportApp.FirstId},{ExportApp.FirstId}v1&format=ris");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2503.99998", response.Headers.GetValues("X-Missing-Ids").Single());
        Assert.Equal([ExportApp.FirstId], RisReader.Read(await response.Content.ReadAsStringAsync()).Select(r => r.One("ID")));
    }

    [Theory]
    [InlineData("/api/export?ids=2503.11731&format=endnote", "format", "Unknown format 'endnote'. Use bibtex or ris.")]
    [InlineData("/api/export?ids=", "ids", "Name at least one arXiv id, e.g. ids=2401.06769,hep-th/9901001.")]
    [InlineData("/api/export?ids=2503.11731,not-an-id", "ids", "Not arXiv ids: 'not-an-id'. Use forms such as 2401.06769, 2401.06769v2 or hep-th/9901001.")]
    [InlineData("/api/search/export?q=graphs&format=csv", "format", "Unknown format 'csv'. Use bibtex or ris.")]
    [InlineData("/api/lists/cs.NOPE/export", "expr", null)]
    [InlineData("/api/papers/nonsense/cite", "id", null)]
    public async Task Export_Is400WithTheParametersMessage_WhenAParameterIsBad(string url, string parameter, string? message)
    {
        using var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var actual = errors.GetProperty(parameter)[0].GetString();
        if (message is not null) Assert.Equal(message, actual);
        else Assert.False(string.IsNullOrWhiteSpace(actual));
    }

    [Theory]
    [InlineData("/api/papers/2503.99998/cite?format=ris")]
    [InlineData("/api/export?ids=2503.99998,2503.99997")]
    public async Task Export_Is404_WhenNoNamedPaperIsStored(string url)
    {
        using var response = await app.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
