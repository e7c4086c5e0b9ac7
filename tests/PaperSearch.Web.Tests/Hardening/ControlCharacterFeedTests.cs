using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Web.Feeds;
using PaperSearch.Web.Tests.Components;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>
/// A stored paper holding characters XML 1.0 forbids used to make every feed that listed it a 500. The feed must
/// stay 200 and well-formed, with only those characters gone.
/// </summary>
public sealed class ControlCharacterFeedTests : IDisposable
{
    private const string Forbidden = "\u0001\u001B\uFFFE\uD800";
    private static readonly DateOnly Day = new(2025, 3, 18);
    private readonly PaperSearchApp _app = new(new() { ["RateLimit:Enabled"] = "false" });

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/feed/list/cs.CL?date=2025-03-18")]
    [InlineData("/feed/search?q=wombat")]
    [InlineData("/feed/search?q=wombat%01%1B")]
    public async Task Feed_IsWellFormedAndKeepsTheText_WhenStoredPaperHoldsForbiddenCharacters(string url)
    {
        await _app.Services.GetRequiredService<PaperStore>().UpsertAsync([new Paper
        {
            Id = "2503.30001", Title = "Wombat" + Forbidden + " burrows", Abstract = "Tunnels" + Forbidden + " dug by wombats.",
            Authors = ["Ann" + Forbidden + " Bell", "Bo Li"], Categories = ["cs.CL"], ListingDate = Day,
        }]);
        await _app.Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync();

        using var response = await _app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(atom + "entry"));
        // SQLite's UTF-8 turns the lone surrogate into U+FFFD on the way in; the other three reach the feed writer as they are.
        Assert.Equal("Wombat burrows", entry.Element(atom + "title")!.Value.Replace("\uFFFD", ""));
        Assert.Equal("Tunnels dug by wombats.", entry.Element(atom + "summary")!.Value.Replace("\uFFFD", ""));
        Assert.Equal(["Ann Bell", "Bo Li"], entry.Elements(atom + "author").Select(a => a.Element(atom + "name")!.Value.Replace("\uFFFD", "")));
    }

    [Fact]
    public void AtomFeed_SerializesToXmlADefaultReaderAccepts_WhenEveryTextHoldsForbiddenCharacters()
    {
        var paper = CardSamples.Paper(title: "T" + Forbidden + "itle\uFFFF") with
        {
            Abstract = "A\uDC00bstract\t\n ok \uD83D\uDE00", Authors = ["Au" + Forbidden + "thor"], Categories = ["cs.CL" + Forbidden],
        };
        var feed = AtomFeed.Build("Feed" + Forbidden, "Sub" + Forbidden, new Uri("http://127.0.0.1/"), "/feed", "/",
            [FeedItem.From(paper)], DateTimeOffset.UnixEpoch);

        using var reader = XmlReader.Create(new MemoryStream(AtomFeed.Serialize(feed)));
        var read = SyndicationFeed.Load(reader);

        Assert.Equal("Feed", read.Title.Text);
        Assert.Equal("Sub", read.Description.Text);
        var item = Assert.Single(read.Items);
        Assert.Equal("Title", item.Title.Text);
        Assert.Equal("Abstract\t\n ok \uD83D\uDE00", item.Summary.Text); // tab, newline and a real surrogate pair survive
        Assert.Equal("Author", Assert.Single(item.Authors).Name);
        Assert.Equal("cs.CL", item.Categories[0].Name);
    }
}
