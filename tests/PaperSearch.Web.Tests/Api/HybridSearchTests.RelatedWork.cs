using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>Related work for any text through the real app (real papers, the shipped model, real HTTP): POST /api/related,
/// the paper's related list on the same pipeline, and the search box's hand-over of a long text.</summary>
public sealed partial class HybridSearchTests
{
    private static string TextOf(JsonElement paper) => paper.GetProperty("title").GetString() + "\n" + paper.GetProperty("summary").GetString();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/related", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RelatedWork_ForAPastedAbstract_ExplainsEachHit_AndLeavesOutThePastedPaper(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var paper = app.Papers[0];
        var id = paper.GetProperty("id").GetString()!;

        var (status, body) = await PostAsync(client, new { text = TextOf(paper), k = 8 });

        Assert.Equal(HttpStatusCode.OK, status);
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.InRange(hits.Count, 1, 8);
        Assert.DoesNotContain(id, hits.Select(h => h.GetProperty("id").GetString()));
        var recognised = body.GetProperty("recognised").EnumerateArray().Single();
        Assert.Equal(id, recognised.GetProperty("id").GetString());
        Assert.Equal("text", recognised.GetProperty("how").GetString());
        Assert.Equal("hybrid", body.GetProperty("ranking").GetString());
        Assert.NotEmpty(body.GetProperty("terms").EnumerateArray());
        Assert.All(hits, h =>
        {
            var explain = h.GetProperty("explain");
            Assert.Equal(JsonValueKind.Number, explain.GetProperty("cosine").ValueKind);
            Assert.InRange(explain.GetProperty("membership").GetDouble(), 0, 1);
        });
        // The best hits share words with the text: the lexical side took part.
        Assert.NotEmpty(hits[0].GetProperty("sharedTerms").EnumerateArray());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RelatedWork_TakesAHundredThousandCharacterDraft_AndRefusesATwoMegabyteBody(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var draft = new StringBuilder(@"\documentclass{article}\begin{document}\section{Introduction}");
        for (var i = 0; draft.Length < 100_000; i++) draft.Append(TextOf(app.Papers[i % 40])).Append(@" \cite{x} % a comment").Append('\n');
        var (status, body) = await PostAsync(client, new { text = draft.ToString(), k = 10 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(10, body.GetProperty("hits").GetArrayLength());

        var huge = await client.PostAsync("/api/related", new StringContent(JsonSerializer.Serialize(new { text = new string('x', 2_000_000) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("1 MiB", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RelatedWork_ForAMultipartBib_RecognisesEntriesByEprintAndTitle_AndReportsTheRest(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var (byEprint, byTitle) = (app.Papers[1], app.Papers[2]);
        var bib = "@misc{first, eprint = {" + byEprint.GetProperty("id").GetString() + "}, archivePrefix = {arXiv}}\n"
                  + "@article{second,\n  title = {" + byTitle.GetProperty("title").GetString()!.ToUpperInvariant() + "},\n  year = 2025}\n"
                  + "@inproceedings{missing, title = {Quokka Husbandry in Low Earth Orbit}}\n";
        using var form = new MultipartFormDataContent { { new StringContent("5"), "k" }, { new ByteArrayContent(Encoding.UTF8.GetBytes(bib)), "bib", "refs.bib" } };

        var response = await client.PostAsync("/api/related", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var recognised = body.GetProperty("recognised").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("how").GetString());
        Assert.Equal("eprint", recognised[byEprint.GetProperty("id").GetString()!]);
        Assert.Equal("title", recognised[byTitle.GetProperty("id").GetString()!]);
        var unmatched = body.GetProperty("unmatched").EnumerateArray().Single();
        Assert.Equal("@inproceedings{missing}", unmatched.GetProperty("input").GetString());
        Assert.Equal(bib.Split('\n').ToList().FindIndex(l => l.StartsWith("@inproceedings", StringComparison.Ordinal)) + 1, unmatched.GetProperty("line").GetInt32());
        var ids = body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(ids);
        Assert.DoesNotContain(byEprint.GetProperty("id").GetString(), ids);
        Assert.DoesNotContain(byTitle.GetProperty("id").GetString(), ids);
    }

    [Theory, SqliteStore]
    public async Task RelatedWork_AnswersBadRequestsWithAMessage(StoreKind store)
    {
        var (_, client) = await OpenAsync(store);
        async Task<string> DetailOf(HttpResponseMessage r, HttpStatusCode expected)
        {
            Assert.Equal(expected, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        }

        Assert.Contains("Nothing to find related work for", await DetailOf(await client.PostAsJsonAsync("/api/related", new { text = "  " }), HttpStatusCode.BadRequest));
        Assert.Contains("BibTeX line 2", await DetailOf(await client.PostAsJsonAsync("/api/related",
            new { bibtex = "@article{a,\n  title = {Open\n  year = 2020,\n" }), HttpStatusCode.BadRequest));
        Assert.Contains("k must be", await DetailOf(await client.PostAsJsonAsync("/api/related", new { text = "graph", k = 500 }), HttpStatusCode.BadRequest));
        Assert.Contains("not valid JSON", await DetailOf(await client.PostAsync("/api/related",
            new StringContent("{\"text\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest));
        Assert.Contains("Unknown mode", await DetailOf(await client.PostAsJsonAsync("/api/related", new { text = "graph", mode = "magic" }), HttpStatusCode.BadRequest));
    }

    [Theory, SqliteStore]
    public async Task PaperRelated_UsesTheRelatedWorkPipeline_WithSharedTerms(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var id = app.Papers[3].GetProperty("id").GetString()!;
        var related = await client.GetFromJsonAsync<JsonElement>($"/api/papers/{id}/related?k=5");
        Assert.Contains(related.EnumerateArray(), r => r.GetProperty("sharedTerms").GetArrayLength() > 0);
    }

    [Theory, SqliteStore]
    public async Task SearchBox_SendsATextOverTheQueryLimits_ToRelatedWork(StoreKind store)
    {
        var (app, _) = await OpenAsync(store);
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var text = string.Join(' ', TextOf(app.Papers[0]).Split(' ').Take(90));

        var response = await client.GetAsync("/?q=" + Uri.EscapeDataString(text) + "&cat=cs");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/related?", location.Replace("http://localhost", ""));
        Assert.Contains("source=search", location);
        Assert.Contains("cat=cs", location);
        var page = await (await client.GetAsync(location)).Content.ReadAsStringAsync();
        Assert.Contains("longer than a search query can be", page);
        Assert.Contains("data-paper=", page);
    }
}
