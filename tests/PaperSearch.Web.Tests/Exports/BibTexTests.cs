using PaperSearch.Papers;
using PaperSearch.Web.Exports;
using PaperSearch.Web.Tests.Components;

namespace PaperSearch.Web.Tests.Exports;

public sealed class BibTexTests
{
    [Fact]
    public void BibTex_For_WritesArxivMiscEntry_WhenPaperIsComplete()
    {
        var paper = CardSamples.Paper() with { Doi = "10.1000/xyz", JournalRef = "J. Sparse 1 (2025)" };
        var bib = BibTex.For(paper);

        Assert.Equal("""
            @misc{lovelace2025sparse,
              title = {Sparse Attention for Long Documents},
              author = {Ada Lovelace and Alan Turing},
              year = {2025},
              month = mar,
              eprint = {2503.11731},
              archivePrefix = {arXiv},
              primaryClass = {cs.CL},
              doi = {10.1000/xyz},
              note = {J. Sparse 1 (2025)},
              url = {https://arxiv.org/abs/2503.11731}
            }
            """, bib);
    }

    [Fact]
    public void BibTex_Key_FoldsAccentsAndSkipsStopWords_WhenTitleStartsWithArticle()
    {
        var paper = CardSamples.Paper(title: "On the Müller-Type Bound") with { Authors = ["Jörg Müller"] };
        Assert.Equal("muller2025muller", BibTex.Key(paper));
    }

    [Fact]
    public void BibTex_Escape_ProtectsSpecialsAndKeepsAuthorsTex_WhenBracesPairUp()
    {
        Assert.Equal("""50\% of R\&D \#1 {a} $\alpha$ \"o \{x\}""", BibTex.Escape("""50% of R&D #1 {a} $\alpha$ \"o \{x\}"""));
        Assert.Equal(@"already \% escaped", BibTex.Escape(@"already \% escaped"));
    }

    [Theory]
    [InlineData("x} y", @"x\textbraceright{} y")]
    [InlineData("{open", @"\textbraceleft{}open")]
    // BibTeX counts a brace after a backslash like any other, so an unpartnered \} would still close the field.
    [InlineData(@"a \} b", @"a \textbraceright{} b")]
    [InlineData(@"a \{ b", @"a \textbraceleft{} b")]
    // \\ is an escaped backslash: the brace after it is bare.
    [InlineData(@"a \\} b", @"a \\\textbraceright{} b")]
    // A bare brace never pairs with an escaped one: LaTeX would read {x\} as an open group.
    [InlineData(@"{x\}", @"\textbraceleft{}x\textbraceright{}")]
    [InlineData("}{", @"\textbraceright{}\textbraceleft{}")]
    [InlineData(@"ends in \", "ends in ")]
    public void BibTex_Escape_NeutralisesBraceWithoutPartner_WhenCountedAsBibTexCounts(string text, string expected) =>
        Assert.Equal(expected, BibTex.Escape(text));

    [Fact]
    public void BibTex_For_UsesOldStyleIdAsEprint_WhenIdHasArchive()
    {
        var paper = new Paper { Id = "hep-th/9901001", Title = "Strings", Authors = ["E. Witten"], Categories = ["hep-th"], ListingDate = new DateOnly(1999, 1, 4) };
        var bib = BibTex.For(paper);
        Assert.Contains("eprint = {hep-th/9901001}", bib);
        Assert.StartsWith("@misc{witten1999strings,", bib);
    }
}
