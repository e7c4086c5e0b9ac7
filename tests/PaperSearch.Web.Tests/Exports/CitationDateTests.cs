using PaperSearch.Papers;
using PaperSearch.Web.Exports;
using PaperSearch.Web.Papers;

namespace PaperSearch.Web.Tests.Exports;

/// <summary>Dates, years and keys as arXiv's own citation would give them.</summary>
public sealed class CitationDateTests
{
    // 2209.07775 was submitted in September 2022 and announced (in this corpus) in 2025: the citation says 2022.
    private static readonly Paper Announced2025 = new()
    {
        Id = "2209.07775", Title = "JaCo: a \\texttt{Complex} Benchmark", Authors = ["Jan Bermuth"],
        ListingDate = new DateOnly(2025, 3, 4),
    };

    [Fact]
    public void ANewStyleIdWithoutASubmissionDate_IsCitedInItsIdsMonth_NotTheAnnouncementYear()
    {
        var entry = Assert.Single(BibTexReader.Read(BibTex.For(Announced2025)));
        Assert.Equal("2022", entry.Fields["year"]);
        Assert.Equal("sep", entry.Fields["month"]);
        Assert.Equal("bermuth2022jaco", entry.Key);
        var ris = Assert.Single(RisReader.Read(Ris.For([Announced2025])));
        Assert.Equal("2022", ris.One("PY"));
        Assert.Equal("2022/09//", ris.One("DA"));
    }

    [Fact]
    public void ASubmissionDateFromTheSource_WinsOverTheIdsMonth()
    {
        var paper = Announced2025 with { Submitted = new DateTimeOffset(2022, 9, 15, 10, 0, 0, TimeSpan.Zero) };
        Assert.Equal(new DateOnly(2022, 9, 15), Citation.DateOf(paper));
        Assert.True(Citation.DayKnown(paper));
        Assert.Equal("2022/09/15", Assert.Single(RisReader.Read(Ris.For([paper]))).One("DA"));
    }

    [Theory]
    [InlineData("\\texttt{Complex-Edit}: CoT-Like Instruction Generation", "complex")]
    [InlineData("$\\alpha$-Divergence Bounds", "divergence")]
    [InlineData("\\emph{Deep} Learning", "deep")]
    public void BibTexKeys_HoldNoTexCommandNames(string title, string word)
    {
        var key = BibTex.Key(Announced2025 with { Title = title });
        Assert.Equal("bermuth2022" + word, key);
    }

    [Fact]
    public void AVersionNotStored_IsSaid_WhileTheStoredOneIsNot()
    {
        var known = Announced2025 with { Version = 1, Versions = [new PaperVersion(1, DateTimeOffset.UnixEpoch)] };
        Assert.Null(PaperDetails.NoticeFor(known, null));
        Assert.Null(PaperDetails.NoticeFor(known, 1));
        Assert.Contains("keeps only v1", PaperDetails.NoticeFor(known, 3));
        Assert.Contains("did not say which", PaperDetails.NoticeFor(Announced2025, 3));
    }
}
