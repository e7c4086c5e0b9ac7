using Bunit;
using PaperSearch.Web.Components.Query;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Tests.Components;

public sealed class SearchFormTests : UiContext
{
    private IRenderedComponent<SearchForm> RenderForm(SearchQuery query, Dictionary<string, string[]>? errors = null) =>
        Render<SearchForm>(p => p.Add(c => c.Query, query).Add(c => c.Errors, errors));

    [Fact]
    public void SearchForm_IsAGetFormWithLabelledControls_WhenRendered()
    {
        var cut = RenderForm(new SearchQuery());
        var form = cut.Find("form");
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/", form.GetAttribute("action"));
        foreach (var name in new[] { "q", "cat", "from", "to", "sort", "mode" })
        {
            var control = cut.Find($"[name={name}]");
            Assert.NotNull(cut.Find($"label[for={control.Id}]"));
        }
    }

    [Fact]
    public void SearchForm_KeepsCurrentValues_WhenQueryGiven()
    {
        var cut = RenderForm(new SearchQuery("bert", "cs.CL-cs.CY", "2025-03-01", "2025-04-01", "date", "bm25"));

        Assert.Equal("bert", cut.Find("#q").GetAttribute("value"));
        Assert.Equal("cs.CL-cs.CY", cut.Find("#cat").GetAttribute("value"));
        Assert.Equal("2025-03-01", cut.Find("#from").GetAttribute("value"));
        Assert.Equal("2025-04-01", cut.Find("#to").GetAttribute("value"));
        Assert.Equal("date", cut.Find("#sort option[selected]").GetAttribute("value"));
        Assert.Equal("bm25", cut.Find("#mode option[selected]").GetAttribute("value"));
    }

    [Fact]
    public void SearchForm_SelectsDefaults_WhenSortAndModeMissing()
    {
        var cut = Render<SearchForm>(p => p.Add(c => c.Query, new SearchQuery("x")).Add(c => c.DefaultMode, SearchMode.Bm25));
        Assert.Equal("relevance", cut.Find("#sort option[selected]").GetAttribute("value"));
        Assert.Equal("bm25", cut.Find("#mode option[selected]").GetAttribute("value"));
    }

    [Fact]
    public void SearchForm_ShowsErrorBesideField_WhenParserRejectsIt()
    {
        var (_, errors) = SearchRequestParser.Parse(new SearchRequestParser.Raw("x", "cs.XYZ", null, null, null, null, null, null), SearchMode.Hybrid);
        var cut = RenderForm(new SearchQuery("x", "cs.XYZ"), errors);

        var cat = cut.Find("#cat");
        Assert.Equal("true", cat.GetAttribute("aria-invalid"));
        Assert.Contains("cat-error", cat.GetAttribute("aria-describedby"));
        Assert.Contains("Unknown category 'cs.XYZ'", cut.Find("#cat-error").TextContent);
        Assert.Null(cut.Find("#q").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void SearchForm_OffersKnownCategories_WhenTypingACategory()
    {
        var cut = RenderForm(new SearchQuery());
        var list = cut.Find("#cat").GetAttribute("list");
        var options = cut.FindAll($"datalist#{list} option").Select(o => o.GetAttribute("value")).ToList();

        Assert.Contains("cs.AI", options);
        Assert.Contains("cs", options);
        Assert.Equal(options.Count, options.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void SearchQuery_BuildsShortUrls_WhenParametersEmpty()
    {
        var q = new SearchQuery("graph \"neural\" +net", "cs.AI+cs.LG", Page: "3", Sort: "");
        Assert.Equal("/?q=graph%20%22neural%22%20%2Bnet&cat=cs.AI%2Bcs.LG&page=3", q.ToUrl());
        Assert.Equal("/?q=graph%20%22neural%22%20%2Bnet&cat=cs.AI%2Bcs.LG", q.WithPage(1).ToUrl());
        Assert.Equal("/?q=graph%20%22neural%22%20%2Bnet&cat=cs.CV", q.WithCategory("cs.CV").ToUrl());
        Assert.Equal("/?q=graph%20%22neural%22%20%2Bnet", q.WithoutFilters().ToUrl());
    }
}
