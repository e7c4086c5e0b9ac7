using System.ServiceModel.Syndication;
using System.Xml;
using PaperSearch.Web.Feeds;

namespace PaperSearch.Web.Tests.Components;

public sealed class AtomFeedTests
{
    private static readonly Uri Base = new("http://127.0.0.1:5000/");
    private static readonly DateTimeOffset Now = new(2025, 3, 20, 8, 0, 0, TimeSpan.Zero);

    private static SyndicationFeed RoundTrip(SyndicationFeed feed)
    {
        var bytes = AtomFeed.Serialize(feed);
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public void AtomFeed_ParsesBackWithEntries_WhenBuiltFromPapers()
    {
        var items = new[] { FeedItem.From(CardSamples.Paper()), FeedItem.From(CardSamples.Hit(id: "hep-th/9901001")) };
        var feed = RoundTrip(AtomFeed.Build("PaperSearch: sparse", "Papers matching sparse", Base, "/feed/search?q=sparse", "/?q=sparse", items, Now));

        Assert.Equal("PaperSearch: sparse", feed.Title.Text);
        Assert.Equal("http://127.0.0.1:5000/feed/search?q=sparse", feed.Id);
        Assert.Equal(2, feed.Items.Count());
        var first = feed.Items.First();
        Assert.Equal("https://arxiv.org/abs/2503.11731", first.Id);
        Assert.Equal("http://127.0.0.1:5000/paper/2503.11731", first.Links.First(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], first.Authors.Select(a => a.Name));
        Assert.Equal(["cs.CL", "cs.LG"], first.Categories.Select(c => c.Name));
        Assert.Equal(new DateTimeOffset(2025, 3, 18, 0, 0, 0, TimeSpan.Zero), first.LastUpdatedTime);
        Assert.Equal(first.LastUpdatedTime, feed.LastUpdatedTime);
    }

    [Fact]
    public void AtomFeed_KeepsMarkupAsText_WhenTitleContainsScript()
    {
        var item = FeedItem.From(CardSamples.Paper(title: "<script>alert(1)</script>"));
        var xml = System.Text.Encoding.UTF8.GetString(AtomFeed.Serialize(AtomFeed.Build("t", "s", Base, "/feed", "/", [item], Now)));

        Assert.DoesNotContain("<script>", xml);
        Assert.Equal("<script>alert(1)</script>", RoundTrip(AtomFeed.Build("t", "s", Base, "/feed", "/", [item], Now)).Items.Single().Title.Text);
    }

    [Fact]
    public void AtomFeed_IsValidAndEmpty_WhenNoItems()
    {
        var feed = RoundTrip(AtomFeed.Build("t", "s", Base, "/feed/list/cs.CL", "/list/cs.CL", [], Now));
        Assert.Empty(feed.Items);
        Assert.Equal(Now, feed.LastUpdatedTime);
    }
}
