using Bunit;
using PaperSearch.Web.Components.Cards;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Tests.Components;

public sealed class PaperCardTests : UiContext
{
    private IRenderedComponent<PaperCard> RenderCard(CardModel model, Func<string, string>? categoryHref = null) =>
        Render<PaperCard>(p => p.Add(c => c.Model, model).Add(c => c.CategoryHref, categoryHref));

    [Fact]
    public void PaperCard_RendersTitleAsText_WhenTitleContainsScript()
    {
        var cut = RenderCard(CardModel.FromHit(CardSamples.Hit(title: "<script>alert(1)</script> Attention")));

        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("<script>alert(1)</script> Attention", cut.Find(".card-title a").TextContent);
        Assert.Contains("&lt;script&gt;", cut.Markup);
    }

    [Fact]
    public void PaperCard_RendersHighlightMarks_WhenHitHasHighlights()
    {
        var hit = CardSamples.Hit(highlights: new HitHighlights("<mark>Sparse</mark> Attention &amp; more", "We study <mark>sparse</mark> attention."));
        var cut = RenderCard(CardModel.FromHit(hit));

        Assert.Equal("Sparse", cut.Find(".card-title mark").TextContent);
        Assert.Equal("sparse", cut.Find(".card-abstract mark").TextContent);
        Assert.Equal("Sparse Attention & more", cut.Find(".card-title a").TextContent);
    }

    [Fact]
    public void PaperCard_LinksPaperPageArxivPdfAndRelated_WhenRendered()
    {
        var cut = RenderCard(CardModel.FromHit(CardSamples.Hit(id: "hep-th/9901001")));
        var hrefs = cut.FindAll("a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal("/paper/hep-th/9901001", cut.Find(".card-title a").GetAttribute("href"));
        Assert.Contains("https://arxiv.org/abs/hep-th/9901001", hrefs);
        Assert.Contains("https://arxiv.org/pdf/hep-th/9901001", hrefs);
        Assert.Contains("/paper/hep-th/9901001#related", hrefs);
    }

    [Fact]
    public void PaperCard_CategoryChipsUseGivenHref_WhenCategoryHrefIsSet()
    {
        var cut = RenderCard(CardModel.FromHit(CardSamples.Hit()), cat => "/?q=x&cat=" + cat);
        var chips = cut.FindAll(".chips a");

        Assert.Equal(["/?q=x&cat=cs.CL", "/?q=x&cat=cs.LG"], chips.Select(c => c.GetAttribute("href")));
        Assert.Contains("chip-primary", chips[0].ClassName);
    }

    [Fact]
    public void PaperCard_ChipsLeadToDailyList_WhenNoCategoryHref()
    {
        var cut = RenderCard(CardModel.FromPaper(CardSamples.Paper()));
        Assert.Equal("/list/cs.CL", cut.Find(".chips a").GetAttribute("href"));
    }

    [Fact]
    public void PaperCard_CollapsesAuthors_WhenListIsLong()
    {
        var cut = RenderCard(CardModel.FromHit(CardSamples.Hit(authors: CardSamples.Authors(40))));

        var visible = cut.FindAll(".card-authors > a");
        Assert.Equal(AuthorList.Head, visible.Count);
        Assert.Equal(35, cut.FindAll("details.more-authors a").Count);
        // Reads as words, collapsed and opened: "…, Author 5 and 35 more" / "…, Author 5, Author 6, …".
        var names = cut.FindAll(".card-authors a").Select(a => a.TextContent).ToList();
        var details = cut.Find("details.more-authors");
        var summary = AsShown(details.QuerySelector("summary")!.TextContent);
        var before = AsShown(cut.Find(".card-authors").TextContent[..^details.TextContent.Length]);
        Assert.Equal(string.Join(", ", names[..AuthorList.Head]) + summary, before + summary);
        Assert.Equal(" and 35 more", summary);
        Assert.Equal(", " + string.Join(", ", names[AuthorList.Head..]), AsShown(details.TextContent)[summary.Length..]);
    }

    [Fact]
    public void PaperCard_ShowsAllAuthors_WhenListIsShort()
    {
        var cut = RenderCard(CardModel.FromHit(CardSamples.Hit(authors: CardSamples.Authors(AuthorList.CollapseAbove))));
        Assert.Equal(AuthorList.CollapseAbove, cut.FindAll(".card-authors > a").Count);
        Assert.Empty(cut.FindAll("details.more-authors"));
    }

    [Fact]
    public void PaperCard_ShowsExplainParts_WhenHitHasExplain()
    {
        var cut = RenderCard(CardModel.FromHit(CardSamples.Hit(explain: new HitExplain(12.5, 0.61, 0.72, 0.93))));
        var values = cut.FindAll("details.explain dd").Select(d => d.TextContent).ToList();

        Assert.Equal("Why this rank?", cut.Find("details.explain summary").TextContent);
        Assert.Equal(["12.500", "0.610", "0.720", "0.93"], values);
    }

    [Fact]
    public void PaperCard_SaysNoRerank_WhenCosineIsMissing()
    {
        var cut = RenderCard(CardModel.FromHit(CardSamples.Hit(explain: new HitExplain(3, null, 1, null))));
        Assert.Contains("no rerank", cut.FindAll("details.explain dd")[1].TextContent);
    }

    [Fact]
    public void PaperCard_HasNoExplain_WhenCardComesFromAListing()
    {
        var cut = RenderCard(CardModel.FromPaper(CardSamples.Paper()));
        Assert.Empty(cut.FindAll("details.explain"));
        Assert.Contains("arXiv:2503.11731v2", cut.Find(".card-id").TextContent);
    }

    [Fact]
    public void PaperCard_ShowsTldrBehindToggle_WhenSummaryGiven()
    {
        var cut = RenderCard(CardModel.FromPaper(CardSamples.Paper(), tldr: "提出稀疏注意力。"));
        var details = cut.Find("details.tldr");
        Assert.False(details.HasAttribute("open"));
        Assert.Equal("提出稀疏注意力。", details.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void PaperCard_CopiesTitleAuthorsWholeAbstractAndLink_WhenAbstractShownIsAHighlightedPassage()
    {
        var hit = CardSamples.Hit(authors: CardSamples.Authors(12),
            highlights: new HitHighlights("<mark>Sparse</mark> Attention", "…study <mark>sparse</mark> attention…"));
        var cut = RenderCard(CardModel.FromHit(hit));

        Assert.Equal("…study sparse attention…", cut.Find(".card-abstract").TextContent); // what the card shows
        Assert.Equal(
            $"Sparse Attention for Long Documents\n{string.Join(", ", CardSamples.Authors(12))}\n\n" +
            "We study sparse attention over long documents.\n\nhttps://arxiv.org/abs/2503.11731",
            cut.Find("[data-copy-card]").GetAttribute("data-copy-text"));
    }

    [Fact]
    public void PaperCard_EmbedsBibTex_WhenRendered()
    {
        var cut = RenderCard(CardModel.FromPaper(CardSamples.Paper()));
        var bib = cut.Find("details.bibtex pre").TextContent;
        Assert.StartsWith("@misc{lovelace2025sparse,", bib);
        Assert.Contains("eprint = {2503.11731}", bib);
    }

    [Fact]
    public void PaperCard_MarksWithdrawn_WhenPaperIsWithdrawn()
    {
        var cut = RenderCard(CardModel.FromPaper(CardSamples.Paper() with { Withdrawn = true }));
        Assert.Contains("card-withdrawn", cut.Find("article").ClassName);
        Assert.Equal("withdrawn", cut.Find(".badge").TextContent);
    }

    /// <summary>Text as a browser shows it: runs of white space collapse to one space.</summary>
    private static string AsShown(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
