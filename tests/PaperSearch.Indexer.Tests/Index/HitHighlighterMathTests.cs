using PaperSearch.Indexer.Index;
using PaperSearch.Tex;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>A highlight never cuts a formula: the page's TeX renderer must find every $…$ whole (issue 14).</summary>
public sealed class HitHighlighterMathTests
{
    // 2506.21714, the 4th hit of ti:shortcutting ODE, as the corpus has it.
    private const string OdeTitle = "$\\textrm{ODE}_t \\left(\\textrm{ODE}_l \\right)$: Shortcutting the Time and Length in Diffusion and Flow Models for Faster Sampling";

    private static Highlights Highlight(string query, string title, string abstractText) =>
        HitHighlighter.Highlight(PaperQuery.Parse(query).Lucene(QueryWeights.Default, WordMatch.Any), title, abstractText);

    [Fact]
    public void Highlight_MarksWholeFormula_WhenMatchIsInsideMath()
    {
        var title = Highlight("shortcutting ODE", OdeTitle, "").TitleHtml;

        Assert.StartsWith("<mark>$\\textrm{ODE}_t \\left(\\textrm{ODE}_l \\right)$</mark>", title);
        Assert.True(title.Contains("<mark>Shortcutting</mark>"), title);
        AssertNoMarkInsideMath(title);
    }

    [Fact]
    public void Highlight_MarksWholeFormula_WhenTitleQueryMatchesInsideMath()
    {
        var title = Highlight("ti:ODE", OdeTitle, "").TitleHtml;

        Assert.StartsWith("<mark>$\\textrm{ODE}_t \\left(\\textrm{ODE}_l \\right)$</mark>: Shortcutting", title);
    }

    [Fact]
    public void Highlight_TakesWholeFormula_WhenFragmentWouldEndInsideIt()
    {
        var filler = string.Join(' ', Enumerable.Repeat("plain words here", 12));
        var formula = "$\\mathcal{O}(n \\log n) + \\sum_{i=1}^{n} \\frac{a_i}{b_i} + \\alpha \\beta \\gamma \\delta$";
        var abstractText = $"{filler} sparse attention costs {formula} and more {filler} {filler}";

        var html = Highlight("sparse attention", "Untitled", abstractText).AbstractHtml!;

        var text = MarkedText.Parse(html).Text;
        Assert.Equal(2 * TexMath.Spans(text).Count, text.Count(c => c == '$'));
        Assert.Contains(formula, text);
        AssertNoMarkInsideMath(html);
    }

    [Fact]
    public void Highlight_LeavesMathUnmarked_WhenMatchIsOutside()
    {
        var title = Highlight("attention", "$O(n^2)$ attention with $\\alpha$-entmax", "").TitleHtml;

        Assert.Equal("$O(n^2)$ <mark>attention</mark> with $\\alpha$-entmax", title);
    }

    [Fact]
    public void Highlight_KeepsEncoding_WhenFormulaHasLessThan()
    {
        var title = Highlight("bound", "A bound $a < b$ for <script>", "").TitleHtml;

        Assert.Equal("A <mark>bound</mark> $a &lt; b$ for &lt;script&gt;", title);
    }

    private static void AssertNoMarkInsideMath(string html)
    {
        var parsed = MarkedText.Parse(html);
        foreach (var m in TexMath.Spans(parsed.Text))
            Assert.True(Enumerable.Range(m.Start, m.Length).Select(i => parsed.Marked[i]).Distinct().Count() == 1,
                $"A mark cuts {parsed.Text.Substring(m.Start, m.Length)} in {html}");
    }
}
