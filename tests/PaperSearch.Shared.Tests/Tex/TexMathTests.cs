using PaperSearch.Tex;

namespace PaperSearch.Shared.Tests.Tex;

public sealed class TexMathTests
{
    private static string[] Found(string text) => [.. TexMath.Spans(text).Select(m => text.Substring(m.Start, m.Length))];

    [Theory]
    [InlineData("plain text", new string[0])]
    [InlineData("$O(n^2)$ attention with $\\alpha$-entmax", new[] { "$O(n^2)$", "$\\alpha$" })]
    [InlineData("display $$\\sum_i x_i$$ and \\(a\\) and \\[b\\]", new[] { "$$\\sum_i x_i$$", "\\(a\\)", "\\[b\\]" })]
    [InlineData("$\\textrm{ODE}_t \\left(\\textrm{ODE}_l \\right)$: Shortcutting", new[] { "$\\textrm{ODE}_t \\left(\\textrm{ODE}_l \\right)$" })]
    [InlineData("a brace $\\text{a $ b}$ inside", new[] { "$\\text{a $ b}$" })]
    [InlineData("costs \\$5 and \\$10, then $x$", new[] { "$x$" })]
    [InlineData("an escaped \\\\(not math", new string[0])]
    public void Spans_FindsFormulasAsAutoRenderDoes_WhenTextHasDelimiters(string text, string[] expected) =>
        Assert.Equal(expected, Found(text));

    [Fact]
    public void Spans_TreatsUnclosedDelimiterAsText_WhenNoRightDelimiterFollows()
    {
        Assert.Equal(["\\(y\\)"], Found("a lone $ sign, then \\(y\\)"));
        Assert.Empty(Found("$$ never closed $"));
    }

    [Fact]
    public void Spans_SkipsPairing_WhenDelimitersAreTooFarApart()
    {
        var text = "$" + new string('x', TexMath.MaxLength) + "$";
        Assert.Empty(TexMath.Spans(text));
    }

    [Fact]
    public void MarkedText_RoundTripsHighlightHtml_WhenTextHasEntitiesAndMarks()
    {
        const string html = "A <mark>bound</mark> $a &lt; b$ &amp; &quot;q&quot; &#39;s";
        var parsed = MarkedText.Parse(html);

        Assert.Equal("A bound $a < b$ & \"q\" 's", parsed.Text);
        Assert.True(parsed.Marked[2] && parsed.Marked[6] && !parsed.Marked[7]);
        Assert.Equal(html, parsed.ToHtml());
    }
}
