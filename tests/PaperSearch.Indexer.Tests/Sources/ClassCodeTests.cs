using PaperSearch.Categories;
using PaperSearch.Indexer.Sources;
using PaperSearch.Papers;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

/// <summary>Categories are arXiv taxonomy codes only; MSC and ACM classes are kept apart, in every source format.</summary>
public sealed class ClassCodeTests
{
    [Theory]
    [InlineData(new[] { "cs.CV", "cs.AI", "68T07, 68T45, 68R10", "I.2.6; I.5.1; I.4.8" }, new[] { "cs.CV", "cs.AI" }, new[] { "68T07", "68T45", "68R10" }, new[] { "I.2.6", "I.5.1", "I.4.8" })]
    [InlineData(new[] { "math.NA cs.NA", "65M60, 35Q30 (Primary) 76D05" }, new[] { "math.NA" }, new[] { "65M60", "35Q30", "76D05" }, new string[0])]
    [InlineData(new[] { "cs.LG", "68-XX", "05Cxx" }, new[] { "cs.LG" }, new[] { "68-xx", "05Cxx" }, new string[0])]
    [InlineData(new[] { "cs.DS", "F.2.2", "G.2.m" }, new[] { "cs.DS" }, new string[0], new[] { "F.2.2", "G.2.m" })]
    public void Parse_TellsCategoriesMscAndAcmApart(string[] entries, string[] categories, string[] msc, string[] acm)
    {
        var split = ClassCodes.Parse(entries);
        Assert.Equal(categories, split.Categories);
        Assert.Equal(msc, split.Msc);
        Assert.Equal(acm, split.Acm);
    }

    [Fact]
    public void WholeSharedCorpus_HasOnlyTaxonomyCategories_AndItsMscAndAcmClassesApart_AndEveryNewStyleIdNamesItsSubmissionMonth()
    {
        int papers = 0, withMsc = 0, withAcm = 0;
        foreach (var record in SourceReader.Read(SharedData.Corpus))
        {
            if (record is not PaperRecord { Paper: var p }) continue;
            papers++;
            foreach (var c in p.Categories) Assert.True(ArxivTaxonomy.IsKnownCategory(c), $"{p.Id}: category '{c}' is not in the taxonomy");
            if (p.MscClasses.Count > 0) withMsc++;
            if (p.AcmClasses.Count > 0) withAcm++;
            var month = ArxivId.MonthOf(p.Id);
            Assert.NotNull(month);
            Assert.Equal(2000 + int.Parse(p.Id[..2], System.Globalization.CultureInfo.InvariantCulture), month!.Value.Year);
        }
        Assert.True(papers > 100_000, $"{papers} papers read");
        // The issue counted 2,148 papers whose chips showed MSC/ACM classes: they are all still there, apart.
        Assert.InRange(withMsc + withAcm, 2_000, 10_000);
    }

    [Fact]
    public void AbsFilesAndOaiRecords_KeepTheirMscAndAcmClassFields()
    {
        var classes = SourceReader.Read(SharedData.AbsTarball).Concat(Directory.EnumerateFiles(SharedData.OaiFixtures, "*.xml", SearchOption.AllDirectories).SelectMany(f => SourceReader.Read(f)))
            .OfType<PaperRecord>().Select(r => r.Paper).ToList();
        Assert.NotEmpty(classes);
        // sample_arxiv_response_listrecords_cs.xml: <msc-class>52C25, 74N10</msc-class><acm-class>I.3.5</acm-class>
        Assert.Contains(classes, p => p.MscClasses.SequenceEqual(["52C25", "74N10"]) && p.AcmClasses.SequenceEqual(["I.3.5"]));
        // An .abs header: "MSC-class: 05C85; 05C70; 68R10; 05B35"
        Assert.Contains(classes, p => p.MscClasses.SequenceEqual(["05C85", "05C70", "68R10", "05B35"]));
        Assert.All(classes, p => Assert.All(p.Categories, c => Assert.True(ArxivTaxonomy.IsKnownCategory(c), $"{p.Id}: '{c}'")));
    }

    [Fact]
    public void MonthOf_IsTheYymmOfANewStyleId_AndNullForAnOldStyleOne()
    {
        Assert.Equal(new DateOnly(2022, 9, 1), ArxivId.MonthOf("2209.07775"));
        Assert.Equal(new DateOnly(2007, 4, 1), ArxivId.MonthOf("0704.0001"));
        Assert.Null(ArxivId.MonthOf("hep-th/9901001"));
    }
}
