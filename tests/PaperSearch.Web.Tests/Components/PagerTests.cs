using Bunit;
using PaperSearch.Web.Components.Paging;

namespace PaperSearch.Web.Tests.Components;

public sealed class PagerTests : UiContext
{
    private IRenderedComponent<Pager> RenderPager(int page, long total, int size = 20, int maxWindow = 10_000) =>
        Render<Pager>(p => p.Add(c => c.Page, page).Add(c => c.Size, size).Add(c => c.Total, total)
            .Add(c => c.MaxResultWindow, maxWindow).Add(c => c.HrefFor, n => $"/?q=x&page={n}"));

    [Fact]
    public void Pager_RendersNothing_WhenOnePageHoldsAll()
    {
        Assert.Empty(RenderPager(1, 20).Markup.Trim());
    }

    [Fact]
    public void Pager_ShowsWindowWithGapsAndCurrent_WhenInTheMiddle()
    {
        var cut = RenderPager(page: 10, total: 1000); // 50 pages
        var items = cut.FindAll(".pager li").Select(li => li.TextContent.Trim()).ToList();

        Assert.Equal(["1", "…", "8", "9", "10", "11", "12", "…", "50"], items);
        Assert.Equal("/?q=x&page=10", cut.Find("a[aria-current=page]").GetAttribute("href"));
        Assert.Equal("/?q=x&page=9", cut.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("/?q=x&page=11", cut.Find("a[rel=next]").GetAttribute("href"));
    }

    [Fact]
    public void Pager_DisablesPrevious_WhenOnFirstPage()
    {
        var cut = RenderPager(page: 1, total: 45);
        Assert.Empty(cut.FindAll("a[rel=prev]"));
        Assert.Equal(["1", "2", "3"], cut.FindAll(".pager li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void Pager_DisablesNext_WhenOnLastPage()
    {
        var cut = RenderPager(page: 3, total: 45);
        Assert.Empty(cut.FindAll("a[rel=next]"));
        Assert.Equal("true", cut.Find(".pager-next").GetAttribute("aria-disabled"));
    }

    [Fact]
    public void Pager_StopsAtResultWindow_WhenTotalIsHuge()
    {
        var cut = RenderPager(page: 1, total: 2_000_000, size: 100, maxWindow: 10_000);
        Assert.Equal(100, cut.Instance.LastPage);
        Assert.Equal("100", cut.FindAll(".pager li").Last().TextContent.Trim());
    }
}
