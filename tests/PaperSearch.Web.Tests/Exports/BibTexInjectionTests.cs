using PaperSearch.Papers;
using PaperSearch.Web.Exports;
using PaperSearch.Web.Tests.Components;

namespace PaperSearch.Web.Tests.Exports;

/// <summary>
/// Crafted metadata that tries to end a field early or open one that never closes: read back with a reader that
/// counts braces as BibTeX does, the entry holds exactly the fields the paper has, with the values below.
/// </summary>
public sealed class BibTexInjectionTests
{
    private static readonly string[] UsualFields = ["title", "author", "year", "month", "eprint", "archivePrefix", "primaryClass", "url"];

    public static TheoryData<string, string> Titles => new()
    {
        { "Closing } early", @"Closing \textbraceright{} early" },
        { @"Escaped \} brace", @"Escaped \textbraceright{} brace" },
        { "Open { never closed", @"Open \textbraceleft{} never closed" },
        { "Write to me @ home, or @misc{x, title={y}", @"Write to me @ home, or @misc\textbraceleft{}x, title={y}" },
        { "100% of 50% & #1", @"100\% of 50\% \& \#1" },
        { "Balanced {BERT} and $\\{x\\}$ stay", "Balanced {BERT} and $\\{x\\}$ stay" },
        { "Two\nlines\r\n@article{z,", @"Two lines @article\textbraceleft{}z," },
    };

    [Theory, MemberData(nameof(Titles))]
    public void BibTex_For_ReadsBackIntoTheSameFields_WhenTitleHasBracesOrSpecials(string title, string expected)
    {
        var entry = ReadSingle(CardSamples.Paper(title: title));

        Assert.Equal(expected, entry.Fields["title"]);
        Assert.Equal(UsualFields.Order(), entry.Fields.Keys.Order());
        Assert.Equal("Ada Lovelace and Alan Turing", entry.Fields["author"]);
    }

    [Fact]
    public void BibTex_For_KeepsDoiInsideItsField_WhenDoiTriesToOpenANote()
    {
        var entry = ReadSingle(CardSamples.Paper() with { Doi = "10.1/x}, note={evil}" });

        Assert.Equal(@"10.1/x\textbraceright{}, note={evil}", entry.Fields["doi"]);
        Assert.False(entry.Fields.ContainsKey("note"));
        Assert.Equal("https://arxiv.org/abs/2503.11731", entry.Fields["url"]);
    }

    [Fact]
    public void BibTex_For_KeepsEveryStoredFieldInside_WhenJournalRefAndAuthorsCarryBraces()
    {
        var paper = CardSamples.Paper() with
        {
            JournalRef = @"J. {Phys}} 3, year = {1900}",
            Authors = ["Ann {Bell", "Bo} Li", @"C\}arl Dee"],
            Doi = "10.1/ok",
        };
        var entry = ReadSingle(paper);

        Assert.Equal(@"J. {Phys}\textbraceright{} 3, year = {1900}", entry.Fields["note"]);
        // A brace in one name never pairs with one in the next, which would hide the " and " between them.
        Assert.Equal(@"Ann \textbraceleft{}Bell and Bo\textbraceright{} Li and C\textbraceright{}arl Dee", entry.Fields["author"]);
        Assert.Equal("2025", entry.Fields["year"]);
        Assert.Equal(UsualFields.Append("doi").Append("note").Order(), entry.Fields.Keys.Order());
    }

    [Fact]
    public void BibTex_For_ReadsBackAsOneEntryPerPaper_WhenEntriesAreConcatenated()
    {
        var hostile = CardSamples.Paper(id: "2503.00001", title: "Evil } title") with { Doi = "10.1/x}, note={a" };
        var text = BibTex.For(hostile) + "\n\n" + BibTex.For(CardSamples.Paper(id: "2503.00002"));

        var entries = BibTexReader.Read(text);

        Assert.Equal(["2503.00001", "2503.00002"], entries.Select(e => e.Fields["eprint"]));
    }

    private static BibTexReader.Entry ReadSingle(Paper paper)
    {
        var entry = Assert.Single(BibTexReader.Read(BibTex.For(paper)));
        Assert.Equal("misc", entry.Type);
        Assert.Equal(BibTex.Key(paper), entry.Key);
        return entry;
    }
}
