using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using PaperSearch.Papers;
using PaperSearch.Web.Components.Cards;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Feeds;

/// <summary>One feed entry, whichever list it comes from.</summary>
public sealed record FeedItem(string Id, string Title, IReadOnlyList<string> Authors, string Abstract, IReadOnlyList<string> Categories, DateOnly? Date)
{
    /// <summary>Why the paper is in this feed (a library feed's explanation); written before the abstract.</summary>
    public string? Why { get; init; }

    public static FeedItem From(PaperSearch.Web.Library.Recommendation hit) => new(hit.Id, hit.Title, hit.Authors, hit.Abstract, hit.Categories, hit.Date);

    public static FeedItem From(SearchHit hit) => new(hit.Id, hit.Title, hit.Authors, hit.Abstract, hit.Categories, hit.Submitted);

    public static FeedItem From(Paper paper) => new(paper.Id, paper.Title, paper.Authors, paper.Abstract, paper.Categories, paper.EffectiveDate);
}

/// <summary>
/// Builds Atom 1.0 documents with System.ServiceModel.Syndication (RFC 4287: ids, updated, authors are required).
/// Every text from the store or the request passes <see cref="XmlSafeText.Clean"/> here, the one place a feed's text is written.
/// </summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <param name="baseUri">The site's absolute base (scheme://host/), so entry links work in a feed reader.</param>
    /// <param name="selfPath">This feed's own path and query.</param>
    /// <param name="htmlPath">The page the feed mirrors.</param>
    public static SyndicationFeed Build(string title, string subtitle, Uri baseUri, string selfPath, string htmlPath,
        IEnumerable<FeedItem> items, DateTimeOffset now)
    {
        var entries = items.Select(i => Entry(i, baseUri, now)).ToList();
        var updated = entries.Count == 0 ? now : entries.Max(e => e.LastUpdatedTime);
        var feed = new SyndicationFeed(XmlSafeText.Clean(title), XmlSafeText.Clean(subtitle), new Uri(baseUri, htmlPath), new Uri(baseUri, selfPath).AbsoluteUri, updated)
        {
            Items = entries,
            Generator = "PaperSearch",
        };
        feed.Links.Add(new SyndicationLink(new Uri(baseUri, selfPath), "self", feed.Title.Text, ContentType.Split(';')[0], 0));
        // A feed without any author is invalid Atom unless every entry has one; name the site as a fallback.
        feed.Authors.Add(new SyndicationPerson { Name = "PaperSearch" });
        return feed;
    }

    private static SyndicationItem Entry(FeedItem item, Uri baseUri, DateTimeOffset now)
    {
        var updated = item.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now;
        var id = XmlSafeText.Clean(item.Id);
        var page = new Uri(baseUri, ArxivLinks.PaperPage(id));
        var entry = new SyndicationItem(XmlSafeText.Clean(item.Title), (SyndicationContent?)null, page, ArxivLinks.Abs(id), updated)
        {
            PublishDate = updated,
        };
        // Summary or content, never both: one would repeat the other, and readers show one or the other. An entry with
        // a reason gets it as content, the reason first and then the abstract.
        if (item.Why is { } why)
            entry.Content = new TextSyndicationContent(XmlSafeText.Clean(why + "\n\n" + item.Abstract), TextSyndicationContentKind.Plaintext);
        else
            entry.Summary = new TextSyndicationContent(XmlSafeText.Clean(item.Abstract), TextSyndicationContentKind.Plaintext);
        entry.Links.Add(new SyndicationLink(new Uri(ArxivLinks.Pdf(id)), "related", "PDF", "application/pdf", 0));
        foreach (var a in item.Authors) entry.Authors.Add(new SyndicationPerson { Name = XmlSafeText.Clean(a) });
        if (item.Authors.Count == 0) entry.Authors.Add(new SyndicationPerson { Name = "Unknown" });
        foreach (var c in item.Categories) entry.Categories.Add(new SyndicationCategory(XmlSafeText.Clean(c), "https://arxiv.org/archive", null));
        return entry;
    }

    /// <summary>The Atom XML as UTF-8 bytes (no BOM).</summary>
    public static byte[] Serialize(SyndicationFeed feed)
    {
        using var ms = new MemoryStream();
        using (var xw = XmlWriter.Create(ms, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(xw);
        return ms.ToArray();
    }
}
