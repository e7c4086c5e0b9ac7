using PaperSearch.Web.Related;

namespace PaperSearch.Web.Tests.Related;

public sealed class RelatedInputParsingTests
{
    [Fact]
    public void BibTex_ReadsExportsOfTheUsualTools()
    {
        var entries = BibTexReader.Parse("""
            % Zotero export
            @string{neurips = "Advances in Neural " # "Information Processing Systems"}
            @comment{jabref-meta: databaseType:bibtex;}
            @article{vaswani2017,
              title = {Attention Is {All} You Need},
              author = "Vaswani, Ashish and others",
              booktitle = neurips,
              month = jun, year = 2017,
              url = {https://arxiv.org/abs/1706.03762v7}
            }
            Some text between entries, and an e-mail: me@example.org
            @misc(scholar, title={Deep Residual Learning}, journal={arXiv preprint arXiv:1512.03385})
            @online{empty}
            """);

        Assert.Equal(["vaswani2017", "scholar", "empty"], entries.Select(e => e.Key));
        var a = entries[0];
        Assert.Equal("article", a.Type);
        Assert.Equal(4, a.Line);
        Assert.Equal("Attention Is All You Need", a["title"]);
        Assert.Equal("Advances in Neural Information Processing Systems", a["booktitle"]);
        Assert.Equal("6", a["month"]);
        Assert.Equal(("1706.03762", "url"), RelatedInputs.ArxivIdOf(a));
        Assert.Equal(("1512.03385", "journal"), RelatedInputs.ArxivIdOf(entries[1]));
        Assert.Equal((null, null), RelatedInputs.ArxivIdOf(entries[2]));
    }

    [Theory]
    [InlineData("@article{k, eprint = {2401.06769}, archivePrefix = {arXiv}}", "2401.06769", "eprint")]
    [InlineData("@article{k, doi = {10.48550/arXiv.2401.06769}}", "2401.06769", "doi")]
    [InlineData("@article{k, note = {arXiv:hep-th/9901001}}", "hep-th/9901001", "note")]
    [InlineData("@article{k, eprint = {2401.06769}, eprinttype = {pubmed}}", null, null)]
    public void ArxivIdOf_FindsTheIdWhereExportsPutIt(string bib, string? id, string? how) =>
        Assert.Equal((id, how), RelatedInputs.ArxivIdOf(BibTexReader.Parse(bib)[0]));

    [Theory]
    [InlineData("@article{a,\n title = {Open,\n year = 2020\n}\n", 1, "entry 'a' is not closed")]
    [InlineData("@article{a,\n title = {Open,\n year = 2020\n", 2, "the value of 'title' in entry 'a' is not closed")]
    [InlineData("@article{a,\n title = {A},\n\n@article{b, title = {B}}", 4, "before the next entry")]
    [InlineData("@article{a,\n title {A}\n}", 2, "expected '='")]
    [InlineData("@article{title = {A}}", 1, "no citation key")]
    [InlineData("@article oops", 1, "must be followed by")]
    [InlineData("@article{a,\n title = \"A}\"\n}", 2, "'}' with no '{'")]
    public void BibTex_NamesTheLine_WhenItCannotReadAnEntry(string bib, int line, string message)
    {
        var e = Assert.Throws<BibTexFormatException>(() => BibTexReader.Parse(bib));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"BibTeX line {line}:", e.Message);
    }

    [Fact]
    public void Latex_KeepsTheProse_AndDropsCommandsCitationsCommentsAndThePreamble()
    {
        var plain = LatexText.ToPlain("""
            \documentclass{article}\usepackage{amsmath}
            \title{Ignored preamble}
            \begin{document}
            \section{Related Work}\label{sec:rw}
            Graph networks~\cite{kipf2017,velickovic2018} generalise \emph{convolutions} % to be checked
            to graphs, see Section~\ref{sec:method}; 50\% faster.
            \begin{thebibliography}{9}\bibitem{x} Should not appear.\end{thebibliography}
            \end{document}
            """);
        Assert.Equal(@"Related Work Graph networks generalise convolutions to graphs, see Section ; 50\% faster.", plain);
        Assert.Equal("Plain text with a \\ backslash", LatexText.ToPlain("Plain text with a \\ backslash"));
    }

    [Fact]
    public void TextWindows_CutsWholeWords_AndSpreadsTheKeptWindowsOverALongText()
    {
        var words = Enumerable.Range(0, 1000).Select(i => "w" + i).ToArray();
        var windows = TextWindows.Split(string.Join(' ', words), 100, 4);
        Assert.Equal(4, windows.Count);
        Assert.StartsWith("w0 ", windows[0]);
        Assert.EndsWith(" w999", windows[^1]);
        Assert.All(windows, w => Assert.Equal(100, w.Split(' ').Length));
        Assert.Equal(["a b", "c"], TextWindows.Split(" a  b\nc ", 2, 16));
        Assert.Empty(TextWindows.Split("   ", 10, 3));
    }

    [Fact]
    public void Parser_RefusesEmptyAndOversizedInput_WithTheLimit()
    {
        var (none, errors) = RelatedRequestParser.Parse(new(" ", "", null), 1000);
        Assert.Null(none);
        Assert.Contains("Nothing to find related work for", errors["text"][0]);
        var (_, tooLong) = RelatedRequestParser.Parse(new(new string('a', 1001), null, null), 1000);
        Assert.Contains("the limit is 1,000", tooLong["text"][0]);
        var (ok, _) = RelatedRequestParser.Parse(new(null, "2401.06769 https://arxiv.org/abs/2503.18150\n2401.06769", null, "7", "cs.AI", null, null, "date", "bm25"), 1000);
        Assert.Equal(["2401.06769", "https://arxiv.org/abs/2503.18150"], ok!.Ids);
        Assert.Equal((7, RelatedSort.Date, RelatedRanking.Bm25), (ok.K, ok.Sort, ok.Ranking));
    }
}
