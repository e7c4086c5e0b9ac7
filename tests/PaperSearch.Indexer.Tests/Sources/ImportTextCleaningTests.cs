using System.Text;
using PaperSearch.Indexer.Sources;
using PaperSearch.Papers;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

/// <summary>
/// Control characters, noncharacters and lone surrogates in every text field of every source format: the record is
/// kept, and no stored text holds a character XML cannot carry.
/// </summary>
public sealed class ImportTextCleaningTests : IDisposable
{
    private readonly TempDir _dir = new("clean");

    public void Dispose() => _dir.Dispose();

    // In JSON: escapes for U+0001, ESC, U+FFFE, U+FDD0 and a lone high surrogate (which System.Text.Json will not decode).
    private const string J = @"\u0001\u001b\ufffe\ufdd0\ud800";

    // In XML: character references and a raw ESC, none of which is well-formed XML 1.0.
    private const string X = "&#1;\u001B&#xFFFE;&#xD800;";

    [Fact]
    public void Read_KeepsRecordAndRemovesUnsafeCharacters_WhenKaggleLineIsDirty()
    {
        var line = $$"""{"id": "0704.0001", "submitter": "A", "authors": "C. Bal{{J}}azs and E. Berger", "title": "Dirty{{J}} title", "comments": "37 pages{{J}}", "journal-ref": "Phys.Rev.D76{{J}}", "doi": "10.1103/x{{J}}", "report-no": "ANL{{J}}", "categories": "hep-ph{{J}}", "license": "http://x{{J}}", "abstract": "An {{J}} abstract.", "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}], "update_date": "2008-11-13", "authors_parsed": [["Bal{{J}}azs", "C.", ""], ["Berger", "E.", ""]]}""";

        var paper = OnePaper(SourceTestFiles.Write(_dir, "kaggle.json", line + "\n"));

        Assert.Equal("Dirty title", paper.Title);
        Assert.Equal("An abstract.", paper.Abstract);
        Assert.Equal(["C. Balazs", "E. Berger"], paper.Authors);
        Assert.Equal(["hep-ph"], paper.Categories);
        AssertEveryTextIsXmlSafe(paper);
    }

    [Fact]
    public void Read_KeepsRecordAndRemovesUnsafeCharacters_WhenDailyListingAndAiLinesAreDirty()
    {
        var listing = $$"""{"_source_file": "data/2025-03-18.jsonl", "id": "2503.00001", "authors": ["Ada{{J}} Lovelace"], "title": "Dirty{{J}} title", "categories": ["cs.LG{{J}}"], "comment": "c{{J}}", "summary": "An{{J}} abstract."}""";
        var ai = $$$"""{"_source_file": "data/2025-03-18_AI_enhanced_Chinese.jsonl", "id": "2503.00001", "title": "T", "summary": "S", "AI": {"tldr": "稀疏{{{J}}}编码", "motivation": "动机{{{J}}}", "method": "方法", "result": "结果", "conclusion": "结论{{{J}}}"}}""";

        var paper = OnePaper(SourceTestFiles.Write(_dir, "day.jsonl", listing + "\n"));
        var summary = Assert.IsType<SummaryRecord>(Assert.Single(SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "ai.jsonl", ai + "\n")))).Summary;

        Assert.Equal(("Dirty title", "An abstract.", "cs.LG"), (paper.Title, paper.Abstract, paper.Categories[0]));
        AssertEveryTextIsXmlSafe(paper);
        Assert.Equal(("稀疏编码", "动机", "结论"), (summary.Tldr, summary.Motivation, summary.Conclusion));
    }

    [Theory]
    [InlineData("arXiv")]
    [InlineData("arXivRaw")]
    [InlineData("oai_dc")]
    public void Read_KeepsEveryRecordAndRemovesUnsafeCharacters_WhenOaiRecordIsDirty(string format)
    {
        var metadata = format switch
        {
            "arXiv" => $"""<arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>0704.0001</id><created>2007-04-02</created><authors><author><keyname>Bal{X}azs</keyname><forenames>C.</forenames></author></authors><title>Dirty{X} title</title><categories>hep-ph{X}</categories><comments>c{X}</comments><journal-ref>j{X}</journal-ref><doi>10.1/x{X}</doi><report-no>r{X}</report-no><license>http://x{X}</license><abstract>An{X} abstract.</abstract></arXiv>""",
            "arXivRaw" => $"""<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>0704.0001</id><title>Dirty{X} title</title><authors>C. Bal{X}azs and E. Berger</authors><categories>hep-ph{X}</categories><comments>c{X}</comments><abstract>An{X} abstract.</abstract><version version="v1"><date>Mon, 2 Apr 2007 19:18:42 GMT</date><size>443kb{X}</size><source_type>D</source_type></version></arXivRaw>""",
            _ => $"""<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Dirty{X} title</dc:title><dc:creator>Bal{X}azs, C.</dc:creator><dc:subject>High Energy Physics - Phenomenology</dc:subject><dc:description>An{X} abstract.</dc:description><dc:description>Comment: c{X}</dc:description><dc:date>2007-04-02</dc:date><dc:identifier>http://arxiv.org/abs/0704.0001</dc:identifier></oai_dc:dc>""",
        };
        var next = """<record><header><identifier>oai:arXiv.org:0704.0002</identifier></header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>0704.0002</id><title>Clean</title></arXiv></metadata></record>""";
        var xml = $"""<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header><identifier>oai:arXiv.org:0704.0001</identifier></header><metadata>{metadata}</metadata></record>{next}</ListRecords></OAI-PMH>""";

        var records = SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "page.xml", xml));

        var papers = records.OfType<PaperRecord>().Select(r => r.Paper).ToList();
        Assert.Equal(["0704.0001", "0704.0002"], papers.Select(p => p.Id));
        Assert.Equal(("Dirty title", "An abstract."), (papers[0].Title, papers[0].Abstract));
        Assert.Equal("C. Balazs", papers[0].Authors[0]);
        AssertEveryTextIsXmlSafe(papers[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public void Read_KeepsSurrogatePairs_WhenAPairStraddlesTheReadersChunks(string shift)
    {
        // 7,000 emoji (14,000 chars) cover the reader's first chunk boundary; one of the two shifts splits a pair there.
        var emoji = string.Concat(Enumerable.Repeat("😀", 7_000));
        var xml = $"""<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>{new string(' ', 3_000)}{shift}<record><header><identifier>oai:arXiv.org:0704.0001</identifier></header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>0704.0001</id><title>Emoji</title><abstract>{emoji}</abstract></arXiv></metadata></record></ListRecords></OAI-PMH>""";

        var paper = OnePaper(SourceTestFiles.Write(_dir, "emoji.xml", xml));

        Assert.Equal(emoji, paper.Abstract);
    }

    [Fact]
    public void Read_KeepsRecordAndRemovesUnsafeCharacters_WhenAbsFileIsDirty()
    {
        const string d = "\u0001\u001B\uFFFE";
        var abs = $"""
            ------------------------------------------------------------------------------
            \\
            arXiv:0704.0001
            From: Someone <a@b.c>
            Date: Mon, 2 Apr 2007 19:18:42 GMT   (443kb)

            Title: Dirty{d} title
            Authors: C. Bal{d}azs, E. L. Berger
            Categories: hep-ph{d}
            Comments: 37 pages{d}
            Report-no: ANL{d}
            Journal-ref: Phys.Rev.D76{d}
            DOI: 10.1103/x{d}
            \\
              An{d} abstract.
            \\

            """;

        var paper = OnePaper(SourceTestFiles.Write(_dir, "0704.0001.abs", abs));

        Assert.Equal(("Dirty title", "An abstract.", "C. Balazs"), (paper.Title, paper.Abstract, paper.Authors[0]));
        AssertEveryTextIsXmlSafe(paper);
    }

    private static Paper OnePaper(string path)
    {
        var records = SourceTestFiles.ReadAll(path);
        return Assert.IsType<PaperRecord>(Assert.Single(records), exactMatch: true).Paper;
    }

    /// <summary>Every string the paper holds, found by reflection so a field added later is checked too.</summary>
    private static void AssertEveryTextIsXmlSafe(Paper paper)
    {
        var texts = typeof(Paper).GetProperties().SelectMany(p => p.GetValue(paper) switch
        {
            string s => [s],
            IEnumerable<string> list => list,
            IEnumerable<PaperVersion> versions => versions.Select(v => v.Size).OfType<string>(),
            _ => [],
        }).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Same(t, XmlSafeText.Clean(t)));
        Assert.All(texts, t => Assert.DoesNotContain("  ", t));
    }
}
