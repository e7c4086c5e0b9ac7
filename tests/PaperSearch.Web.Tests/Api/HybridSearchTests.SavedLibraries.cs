using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Api;

/// <summary>A saved library's feed through the real app (real papers, the shipped model, real HTTP): POST/PUT/DELETE /api/libraries, GET /feed/library/{token}.</summary>
public sealed partial class HybridSearchTests
{
    private static async Task<JsonElement> SaveAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/libraries", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The feed parsed as Atom 1.0 (strict XML first), with every entry checked complete.</summary>
    private static async Task<SyndicationFeed> LibraryFeedAsync(HttpClient client, string feedUrl)
    {
        var response = await client.GetAsync(feedUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        new XmlDocument().Load(new MemoryStream(bytes));
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        Assert.True(new Atom10FeedFormatter().CanRead(reader), "not an Atom 1.0 document");
        var feed = SyndicationFeed.Load(reader);
        Assert.All(feed.Items, e =>
        {
            Assert.StartsWith("https://arxiv.org/abs/", e.Id);
            Assert.False(string.IsNullOrWhiteSpace(e.Title?.Text));
            Assert.Contains(e.Links, l => l.RelationshipType is null or "alternate" && l.Uri.AbsoluteUri.Contains("/paper/"));
            Assert.NotEqual(default, e.LastUpdatedTime);
            Assert.NotEmpty(e.Authors);
            Assert.StartsWith("Because you saved: ", Assert.IsType<TextSyndicationContent>(e.Content).Text);
        });
        return feed;
    }

    private static string Content(SyndicationItem e) => ((TextSyndicationContent)e.Content).Text;

    /// <summary>The start of a title as the store keeps it (whitespace collapsed), enough to recognise it in a reason.</summary>
    private static string Prefix(string title)
    {
        var words = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return words[..Math.Min(15, words.Length)];
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task LibraryFeed_IsValidAtomWithCompleteEntriesSayingWhy_AndFollowsAnUpdate(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var first = app.Papers.Take(3).ToList();
        var second = app.Papers.Skip(60).Take(3).ToList();
        string IdOf(JsonElement p) => p.GetProperty("id").GetString()!;

        var saved = await SaveAsync(client, new { positives = first.Select(IdOf), name = "Driving" });
        var token = saved.GetProperty("token").GetString()!;
        var feedUrl = saved.GetProperty("feed").GetString()!;
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("expires").ValueKind);
        Assert.Equal(43, token.Length);
        Assert.Equal(new Uri(client.BaseAddress!, "/feed/library/" + token).AbsoluteUri, feedUrl);

        var feed = await LibraryFeedAsync(client, feedUrl);
        Assert.Equal("PaperSearch: for Driving", feed.Title.Text);
        Assert.NotEmpty(feed.Items);
        Assert.InRange(feed.Items.Count(), 1, 50);
        var ids = feed.Items.Select(e => e.Id[^10..]).ToList();
        Assert.Empty(ids.Intersect(first.Select(IdOf)));
        // Each reason names papers of this library, and the abstract follows it.
        var titles = first.Select(p => p.GetProperty("title").GetString()!).ToList();
        Assert.All(feed.Items, e => Assert.Contains(titles, t => Content(e).Contains(Prefix(t))));
        Assert.All(feed.Items, e => Assert.Contains("\n\n", Content(e)));

        var put = await client.PutAsJsonAsync("/api/libraries/" + token, new { positives = second.Select(IdOf) });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await LibraryFeedAsync(client, feedUrl);
        var secondTitles = second.Select(p => p.GetProperty("title").GetString()!).ToList();
        Assert.NotEqual(ids, updated.Items.Select(e => e.Id[^10..]).ToList());
        Assert.All(updated.Items, e => Assert.Contains(secondTitles, t => Content(e).Contains(Prefix(t))));
        Assert.Equal("PaperSearch: for your library", updated.Title.Text);
    }

    [Theory, SqliteStore]
    public async Task LibraryFeed_Answers404AlikeForRevokedRandomAndMalformedTokens(StoreKind store)
    {
        var (app, client) = await OpenAsync(store);
        var saved = await SaveAsync(client, new { positives = app.Papers.Skip(20).Take(2).Select(p => p.GetProperty("id").GetString()) });
        var token = saved.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feed/library/" + token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/libraries/" + token)).StatusCode);

        var random = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var url in new[] { "/feed/library/" + token, "/feed/library/" + random, "/feed/library/not-a-token", "/feed/library/%E2%98%83%20x", "/feed/library/" + new string('A', 400),
                                    "/api/libraries/" + token })
        {
            var response = url.StartsWith("/api") ? await client.PutAsJsonAsync(url, new { positives = new[] { "2503.11731" } }) : await client.GetAsync(url);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/libraries/" + token)).StatusCode);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.DoesNotContain(token, answers[0].Body);
    }
}
