using PaperSearch.Papers;
using PaperSearch.Web.Exports;
using PaperSearch.Web.Tests.Components;

namespace PaperSearch.Web.Tests.Exports;

public sealed class RisTests
{
    [Fact]
    public void Ris_For_WritesEveryTagZoteroReads_WhenPaperIsComplete()
    {
        var paper = CardSamples.Paper() with
        {
            Authors = ["Ada Lovelace", "Jean-Pierre van der Berg", "ATLAS Collaboration"],
            Doi = "10.1000/xyz", JournalRef = "J. Sparse 1 (2025)", Comments = "12 pages",
            Abstract = "We study sparse\nattention over\r\nlong documents.",
        };

        var record = Assert.Single(RisReader.Read(Ris.For([paper])));

        Assert.Equal("JOUR", record.One("TY"));
        Assert.Equal("2503.11731", record.One("ID"));
        Assert.Equal("Sparse Attention for Long Documents", record.One("TI"));
        Assert.Equal(["Lovelace, Ada", "van der Berg, Jean-Pierre", "ATLAS Collaboration"], record.All("AU"));
        Assert.Equal("We study sparse attention over long documents.", record.One("AB"));
        Assert.Equal("2025", record.One("PY"));
        Assert.Equal("2025/03/14", record.One("DA")); // v1's submission, not the announcement day
        Assert.Equal("arXiv preprint arXiv:2503.11731", record.One("T2"));
        Assert.Equal("https://arxiv.org/abs/2503.11731", record.One("UR"));
        Assert.Equal("https://arxiv.org/pdf/2503.11731", record.One("L1"));
        Assert.Equal("10.1000/xyz", record.One("DO"));
        Assert.Equal(["cs.CL", "cs.LG"], record.All("KW"));
        Assert.Equal(["Journal reference: J. Sparse 1 (2025)", "Comments: 12 pages"], record.All("N1"));
    }

    [Fact]
    public void Ris_For_KeepsEachValueOnItsTagLine_WhenFieldsTryToStartTags()
    {
        const string Injection = "\nER  - \r\nTY  - BOOK\rTI  - forged\u2028AU  - Mallory";
        var paper = CardSamples.Paper(title: "Real title" + Injection) with
        {
            Abstract = "Abstract" + Injection, Authors = ["Ann Bell" + Injection], Doi = "10.1/x" + Injection, Comments = Injection,
        };

        var text = Ris.For([paper, CardSamples.Paper(id: "2503.00002")]);
        var records = RisReader.Read(text);

        Assert.Equal(2, records.Count);
        Assert.Equal("Real title ER - TY - BOOK TI - forged AU - Mallory", records[0].One("TI"));
        Assert.Equal(["JOUR", "JOUR"], records.Select(r => r.One("TY")));
        Assert.Single(records[0].All("AU"));
        Assert.DoesNotContain('\n', text.Replace("\r\n", ""));
        Assert.DoesNotContain('\r', text.Replace("\r\n", ""));
    }

    [Fact]
    public void Ris_For_LeavesOutTagsWithoutValue_WhenPaperHasNoDateDoiOrAuthors()
    {
        var paper = new Paper { Id = "hep-th/9901001", Title = "Strings", Categories = ["hep-th"], Doi = "  ", JournalRef = "" };

        var record = Assert.Single(RisReader.Read(Ris.For([paper])));

        Assert.Equal(["TY", "ID", "TI", "T2", "PB", "UR", "L1", "KW"], record.Tags.Select(t => t.Key));
        Assert.Equal("https://arxiv.org/pdf/hep-th/9901001", record.One("L1"));
    }

    [Theory]
    [InlineData("Ada Lovelace", "Lovelace, Ada")]
    [InlineData("Moreno D'Incà", "D'Incà, Moreno")]
    [InlineData("Juan de la Cruz", "de la Cruz, Juan")]
    [InlineData("Lovelace, Ada", "Lovelace, Ada")]
    [InlineData("Plato", "Plato")]
    [InlineData("The LIGO Scientific Collaboration", "The LIGO Scientific Collaboration")]
    [InlineData("  Ada\n  Byron   Lovelace ", "Lovelace, Ada Byron")]
    public void Citation_LastFirst_PutsSurnameFirst_WhenNameIsFirstVonLast(string name, string expected) =>
        Assert.Equal(expected, Citation.LastFirst(name));
}
