using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>A library's import and export through the real app: POST /api/library/match (a .bib, ids) and POST /api/export.</summary>
public sealed partial class HybridSearchTests
{
    [Theory, SqliteStore]
    public async Task LibraryMatch_FindsBibEntriesAndIds_AndListsWhatItCannot(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var byEprint = app.Papers[0].GetProperty("id").GetString()!;
        var byId = app.Papers[1].GetProperty("id").GetString()!;
        var bib = "@article{a, title = {Whatever}, eprint = {" + byEprint + "}, archivePrefix = {arXiv}}\n" +
                  "@article{b, title = {Zzqx Quuxified Frobnication of Nonexistent Widgets}}\n";

        var response = await client.PostAsJsonAsync("/api/library/match", new { bibtex = bib, ids = new[] { byId, "9999.99999" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var found = body.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { byEprint, byId }.Order(), found.Order());
        Assert.All(body.GetProperty("papers").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("title").GetString())));
        var unmatched = body.GetProperty("unmatched").EnumerateArray().Select(u => u.GetProperty("input").GetString()).ToList();
        Assert.Contains("9999.99999", unmatched);
        Assert.Contains(unmatched, u => u!.Contains("{b}"));

        var bad = await client.PostAsJsonAsync("/api/library/match", new { bibtex = "@article{x, title = {unclosed" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("bibtex", await bad.Content.ReadAsStringAsync());
        var empty = await client.PostAsJsonAsync("/api/library/match", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var text = await client.PostAsync("/api/library/match", new StringContent("2401.06769", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Theory, SqliteStore]
    public async Task PostedExport_DownloadsALibraryOverTheGetLimit_AndRefusesAnEmptyOne(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var stored = app.Papers.Select(p => p.GetProperty("id").GetString()!).Take(5).ToList();
        // 250 ids: more than a GET selection takes (200); the unknown ones are named, not fatal.
        var ids = stored.Concat(Enumerable.Range(1, 245).Select(i => $"2012.{i:00000}")).ToList();

        var response = await client.PostAsync("/api/export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ids"] = string.Join(',', ids), ["format"] = "bibtex",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bib = await response.Content.ReadAsStringAsync();
        Assert.All(stored, id => Assert.Contains(id, bib));
        Assert.Equal(5, bib.Split("\n@").Length);

        var none = await client.PostAsync("/api/export", new FormUrlEncodedContent(new Dictionary<string, string> { ["ids"] = "", ["format"] = "bibtex" }));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        // The endpoint takes a form (what the Library page posts); JSON is refused as a media type.
        var json = await client.PostAsJsonAsync("/api/export", new { ids });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }
}
