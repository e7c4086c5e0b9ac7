using PaperSearch.Categories;

namespace PaperSearch.Shared.Tests.Categories;

public sealed class CategoryExpressionTests
{
    [Theory]
    [InlineData("cs.AI,cs.CL", new[] { "cs.AI", "cs.CL" }, new string[0])]
    [InlineData("cs.AI+cs.LG-cs.CY", new[] { "cs.AI", "cs.LG" }, new[] { "cs.CY" })]
    [InlineData("-cs.CY", new string[0], new[] { "cs.CY" })]
    [InlineData("cs", new[] { "cs" }, new string[0])]
    [InlineData("hep-th", new[] { "hep-th" }, new string[0])]
    [InlineData("cond-mat.str-el", new[] { "cond-mat.str-el" }, new string[0])]
    [InlineData("hep-th-hep-ph", new[] { "hep-th" }, new[] { "hep-ph" })]
    [InlineData("cond-mat-cond-mat.str-el", new[] { "cond-mat" }, new[] { "cond-mat.str-el" })]
    [InlineData("q-bio+astro-ph.GA", new[] { "q-bio", "astro-ph.GA" }, new string[0])]
    [InlineData("cs.NA,math.IT", new[] { "math.NA", "cs.IT" }, new string[0])]
    [InlineData("cs.SY - stat.TH", new[] { "eess.SY" }, new[] { "math.ST" })]
    [InlineData("CS.ai, cs.ai", new[] { "cs.AI" }, new string[0])]
    [InlineData("cs.AI cs.LG", new[] { "cs.AI", "cs.LG" }, new string[0])]
    [InlineData("cs.AI  cs.LG -cs.CY", new[] { "cs.AI", "cs.LG" }, new[] { "cs.CY" })]
    [InlineData("hep-th hep-ph", new[] { "hep-th", "hep-ph" }, new string[0])]
    public void Parse_SplitsIncludesAndExcludes_WhenValidExpression(string text, string[] include, string[] exclude)
    {
        var e = CategoryExpression.Parse(text);
        Assert.Equal(include, e.Include);
        Assert.Equal(exclude, e.Exclude);
    }

    [Fact]
    public void Matches_AppliesUnionExclusionAndArchives_WhenPaperCategoriesGiven()
    {
        var e = CategoryExpression.Parse("cs.AI+cs.LG-cs.CY");
        Assert.True(e.Matches(["cs.LG", "stat.ML"]));
        Assert.False(e.Matches(["cs.AI", "cs.CY"]));
        Assert.False(e.Matches(["cs.CV"]));

        Assert.True(CategoryExpression.Parse("cs").Matches(["cs.CV"]));
        Assert.False(CategoryExpression.Parse("cs").Matches(["math.CO"]));
        Assert.True(CategoryExpression.Parse("cond-mat").Matches(["cond-mat.str-el"]));
        Assert.True(CategoryExpression.Parse("-cs.CY").Matches(["math.CO"]));
        Assert.False(CategoryExpression.Parse("-cs.CY").Matches(["cs.AI", "cs.CY"]));
        Assert.True(CategoryExpression.Parse("hep-th").Matches(["hep-th"]));
        Assert.False(CategoryExpression.Parse("hep-th").Matches(["hep-ph"]));
        Assert.True(CategoryExpression.Parse("").Matches(["anything"]));
    }

    [Fact]
    public void ToString_WritesCanonicalForm_WhenParsed() =>
        Assert.Equal("math.NA+cs.LG-cs.CY", CategoryExpression.Parse("cs.NA, cs.LG -cs.CY").ToString());

    [Theory]
    [InlineData("cs.XX", "cs.XX")]
    [InlineData("cs.AI+foo", "foo")]
    [InlineData("hep-xx", "hep-xx")]
    [InlineData("-bogus.CAT", "bogus.CAT")]
    public void TryParse_ReportsUnknownCategoryByName_WhenCodeUnknown(string text, string named)
    {
        Assert.False(CategoryExpression.TryParse(text, out _, out var error));
        Assert.Contains($"'{named}'", error);
        Assert.Contains(named, Assert.Throws<FormatException>(() => CategoryExpression.Parse(text)).Message);
    }

    [Theory]
    [InlineData("cs.AI+")]
    [InlineData("-")]
    public void TryParse_Fails_WhenSyntaxBroken(string text)
    {
        Assert.False(CategoryExpression.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParse_RejectsWithLimit_WhenTooLong()
    {
        Assert.False(CategoryExpression.TryParse(string.Join('+', Enumerable.Repeat("cs.AI", 200)), out _, out var error));
        Assert.Contains(CategoryExpression.MaxLength.ToString(), error);
    }

    [Theory]
    [InlineData("cs.NA", "math.NA")]
    [InlineData("math.IT", "cs.IT")]
    [InlineData("cs.SY", "eess.SY")]
    [InlineData("math.MP", "math-ph")]
    [InlineData("q-fin.EC", "econ.GN")]
    [InlineData("stat.TH", "math.ST")]
    [InlineData("CS.lg", "cs.LG")]
    public void Canonicalize_MapsAliasToCanonical_WhenAliasOrMisspelled(string code, string canonical) =>
        Assert.Equal(canonical, CategoryAliases.Canonicalize(code));

    [Fact]
    public void ParseList_KeepsPrimaryFirstAndDropsDuplicates_WhenSpaceSeparated() =>
        Assert.Equal(["math.NA", "cs.LG"], CategoryAliases.ParseList(" cs.NA  math.NA\ncs.LG "));
}
