using PaperSearch.Web.Components.Tex;

namespace PaperSearch.Web.Tests.Components;

/// <summary>Text-mode TeX outside formulas becomes HTML; formulas are left whole for KaTeX (issue 14).</summary>
public sealed class TexHtmlTests
{
    private static string Html(string text) => TexHtml.Text(text).Value;

    [Theory]
    [InlineData("We propose \\textbf{Personalize Anything}, a method", "We propose <b>Personalize Anything</b>, a method")]
    [InlineData("the \\texttt{Complex-Edit} benchmark", "the <code>Complex-Edit</code> benchmark")]
    [InlineData("\\emph{not} \\textit{this}", "<em>not</em> <i>this</i>")]
    [InlineData("{\\em backdoor attacks} and {\\bf RainFusion}", "<em>backdoor attacks</em> and <b>RainFusion</b>")]
    [InlineData("\\textsc{AlignX} dataset", "<span class=\"tex-sc\">AlignX</span> dataset")]
    [InlineData("\\underline{\\textbf{Fed}}erated", "<u><b>Fed</b></u>erated")]
    [InlineData("PM\\textsuperscript{4}Bench", "PM<sup>4</sup>Bench")]
    [InlineData("a ``Chain-of-Edit'' pipeline -- fast---and ~cheap", "a “Chain-of-Edit” pipeline – fast—and \u00A0cheap")]
    [InlineData("51.4\\% mAP \\& {\\alpha}-UMI at 360{\\deg}", "51.4% mAP &amp; α-UMI at 360°")]
    [InlineData("Schr\\\"odinger and Poincar\\'{e}, \\c{c}a", "Schrödinger and Poincaré, ça")]
    [InlineData("Code at \\url{https://x.org/a_b~c} and \\href{https://y.org}{our page}", "Code at https://x.org/a_b~c and our page")]
    public void Text_ConvertsTextModeMacros_WhenOutsideMath(string tex, string html) => Assert.Equal(html, Html(tex));

    [Theory]
    [InlineData("as in \\cite{yang2022}, see", "as in \\cite{yang2022}, see")]
    [InlineData("\\method consistently", "\\method consistently")]
    [InlineData("an unclosed \\textbf{group", "an unclosed \\textbf{group")]
    public void Text_KeepsSource_WhenCommandUnknownOrBroken(string tex, string html) => Assert.Equal(html, Html(tex));

    [Fact]
    public void Text_LeavesFormulasWholeForKatex_WhenTextHasMath()
    {
        Assert.Equal("<span class=\"tex-math\">$\\texttt{Complex-Edit}$</span>: CoT-Like", Html("$\\texttt{Complex-Edit}$: CoT-Like"));
        Assert.Equal("<b><span class=\"tex-math\">$\\alpha$</span>-net</b> with <span class=\"tex-math\">$a &lt; b$</span>",
            Html("\\textbf{$\\alpha$-net} with $a < b$"));
    }

    [Fact]
    public void Text_EncodesMarkup_WhenTextHasTags()
    {
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; \\textbf&lt;img&gt;", Html("<script>alert(1)</script> \\textbf<img>"));
        Assert.Equal("<b>&lt;img src=x onerror=alert(1)&gt;</b>", Html("\\textbf{<img src=x onerror=alert(1)>}"));
    }

    [Fact]
    public void Of_KeepsMarksOutsideTagsAndAroundWholeFormula_WhenHighlighted()
    {
        var html = TexHtml.Of("<mark>$\\textrm{ODE}_t$</mark>: <mark>Shortcutting</mark> \\textbf{<mark>fast</mark> flows}", "").Value;

        Assert.Equal("<mark><span class=\"tex-math\">$\\textrm{ODE}_t$</span></mark>: <mark>Shortcutting</mark> <b><mark>fast</mark> flows</b>", html);
    }

    [Fact]
    public void Of_MarksWholeFormula_WhenHighlightCutsIt()
    {
        var html = TexHtml.Of("$\\textrm{<mark>ODE</mark>}_t$ x", "").Value;

        Assert.Equal("<mark><span class=\"tex-math\">$\\textrm{ODE}_t$</span></mark> x", html);
    }
}
