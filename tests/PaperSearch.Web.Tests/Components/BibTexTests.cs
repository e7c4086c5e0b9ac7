using PaperSearch.Papers;
using PaperSearch.Web.Components.Cards;

namespace PaperSearch.Web.Tests.Components;

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
    public void BibTex_Escape_ProtectsSpecialsAndBalancesBraces_WhenTextHasThem()
    {
        Assert.Equal(@"50\% of R\&D \#1 {a} $\alpha$", BibTex.Escape(@"50% of R&D #1 {a} $\alpha$"));
        Assert.Equal("x y", BibTex.Escape("x} y"));
        Assert.Equal("{open}", BibTex.Escape("{open"));
    }

    [Fact]
    public void BibTex_For_UsesOldStyleIdAsEprint_WhenIdHasArchive()
    {
        var paper = new Paper { Id = "hep-th/9901001", Title = "Strings", Authors = ["E. Witten"], Categories = ["hep-th"], ListingDate = new DateOnly(1999, 1, 4) };
        var bib = BibTex.For(paper);
        Assert.Contains("eprint = {hep-th/9901001}", bib);
        Assert.StartsWith("@misc{witten1999strings,", bib);
    }
}
