using System.Text;
using System.Xml;
using PaperSearch.Indexer.Sources;
using PaperSearch.Indexer.Sources.Oai;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

public sealed class OaiSourceTests
{
    private static string Fixture(params string[] parts) => Path.Combine([SharedData.OaiFixtures, .. parts]);

    private static OaiPage ParseFixture(params string[] parts)
    {
        var path = Fixture(parts);
        using var stream = File.OpenRead(path);
        return OaiResponseParser.Parse(stream, path);
    }

    private static List<Papers.Paper> Papers(OaiPage page) => page.Records.OfType<PaperRecord>().Select(r => r.Paper).ToList();

    [Theory]
    [InlineData(46, "invenio-oaiharvester", "sample_arxiv_response_listrecords_cs.xml")]
    [InlineData(150, "invenio-oaiharvester", "sample_arxiv_response_listrecords_physics.xml")]
    [InlineData(12, "hepcrawl", "unit-responses", "sample_arxiv_record.xml")]
    [InlineData(3, "hepcrawl", "functional-records", "arxiv-physics-hep-ex.xml")]
    [InlineData(1, "invenio-oaiharvester", "sample_arxiv_response_no_namespace.xml")]
    [InlineData(1, "invenio-oaiharvester", "sample_oai_dc_response.xml")]
    public void Parse_YieldsEveryRecordWithoutToken_WhenCompleteResponse(int expected, params string[] path)
    {
        var page = ParseFixture(path);

        Assert.Equal(expected, Papers(page).Count);
        Assert.Empty(page.Records.OfType<RejectedRecord>());
        Assert.Null(page.ErrorCode);
        Assert.Null(page.ResumptionToken);
        Assert.True(page.IsLastPage);
    }

    [Fact]
    public void Parse_ReturnsTokenAndListSize_WhenPageHasResumptionToken()
    {
        var litpuvn = ParseFixture("litpuvn-arxiv-oai-harvester", "ListRecords.xml");
        Assert.Equal(387, Papers(litpuvn).Count);
        Assert.Empty(litpuvn.Records.OfType<RejectedRecord>());
        Assert.Equal("1403493|1001", litpuvn.ResumptionToken);
        Assert.Equal(1440, litpuvn.CompleteListSize);
        Assert.Equal(0, litpuvn.Cursor);

        var mike = ParseFixture("mikesaelim-arXivOAIHarvester", "ListRecordsResponse.xml");
        Assert.Equal(6, Papers(mike).Count);
        Assert.Equal("726959|1001", mike.ResumptionToken);
        Assert.Equal(58011, mike.CompleteListSize);
        Assert.False(mike.IsLastPage);
    }

    [Theory]
    [InlineData("noRecordsMatch", "mikesaelim-arXivOAIHarvester", "ErrorResponseNoRecordsMatch.xml")]
    [InlineData("noRecordsMatch", "invenio-oaiharvester", "sample_empty_response.xml")]
    [InlineData("badResumptionToken", "mikesaelim-arXivOAIHarvester", "ErrorResponseBadResumptionToken.xml")]
    [InlineData("badArgument", "mikesaelim-arXivOAIHarvester", "ErrorResponseBadArgument.xml")]
    [InlineData("badVerb", "mikesaelim-arXivOAIHarvester", "ErrorResponseBadVerb.xml")]
    [InlineData("idDoesNotExist", "mikesaelim-arXivOAIHarvester", "ErrorResponseIdDoesNotExist.xml")]
    public void Parse_ReportsErrorCode_WhenErrorResponse(string code, params string[] path)
    {
        var page = ParseFixture(path);

        Assert.Equal(code, page.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(page.ErrorMessage));
        Assert.Empty(page.Records);
        Assert.Equal(code != OaiPage.NoRecordsMatch, page.IsError);
        Assert.NotEqual(DateTimeOffset.MinValue, page.ResponseDate);
    }

    [Fact]
    public void Parse_MapsArxivFormatFields_WhenListRecordsCs()
    {
        var page = ParseFixture("invenio-oaiharvester", "sample_arxiv_response_listrecords_cs.xml");
        var papers = Papers(page);

        Assert.Equal(new DateTimeOffset(2016, 1, 18, 15, 33, 12, TimeSpan.Zero), page.ResponseDate);
        var p = papers[0];
        Assert.Equal("1101.4388", p.Id);
        Assert.Equal("Reproducing Kernel Banach Spaces with the l1 Norm", p.Title);
        Assert.Equal(["Guohui Song", "Haizhang Zhang", "Fred J. Hickernell"], p.Authors);
        Assert.Equal(["stat.ML", "cs.LG", "math.FA"], p.Categories);
        Assert.Equal("28 pages, an extra section was added", p.Comments);
        Assert.Equal("Appl. Comput. Harmon. Anal., 34:96-116, 2013", p.JournalRef);
        Assert.Equal("10.1016/j.acha.2012.03.009", p.Doi);
        Assert.Equal("http://arxiv.org/licenses/nonexclusive-distrib/1.0/", p.License);
        Assert.Equal(new DateTimeOffset(2011, 1, 23, 0, 0, 0, TimeSpan.Zero), p.Submitted);
        Assert.Equal(new DateTimeOffset(2012, 3, 28, 0, 0, 0, TimeSpan.Zero), p.Updated);
        Assert.StartsWith("Targeting at sparse learning, we construct Banach spaces B of functions on an input space X", p.Abstract);
        Assert.Equal(["Tobias Brunsch", "Heiko Röglin"], papers[1].Authors);
        Assert.StartsWith("line 6, column 2, record 1", page.Records[0].Position);
    }

    [Fact]
    public void Parse_MapsVersionHistory_WhenArxivRawGetRecord()
    {
        var p = Papers(ParseFixture("mikesaelim-arXivOAIHarvester", "GetRecordResponse.xml")).Single();

        Assert.Equal(("1302.2146", 2), (p.Id, p.Version));
        Assert.Equal("The Same-Sign Dilepton Signature of RPV/MFV SUSY", p.Title);
        Assert.Equal(["Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo"], p.Authors);
        Assert.Equal(["hep-ph", "hep-ex"], p.Categories);
        Assert.Equal("18 pages, 6 figures; v2: References added", p.Comments);
        Assert.Equal([new(1, new DateTimeOffset(2013, 2, 8, 21, 0, 1, TimeSpan.Zero), "853kb"), new Papers.PaperVersion(2, new DateTimeOffset(2013, 4, 2, 1, 50, 8, TimeSpan.Zero), "849kb")], p.Versions);
        Assert.Equal(p.Versions[0].Date, p.Submitted);
        Assert.Equal(p.Versions[1].Date, p.Updated);
        Assert.False(p.Withdrawn);
    }

    [Fact]
    public void Parse_MarksWithdrawnPapers_WhenLatestArxivRawVersionIsEmpty()
    {
        var papers = Papers(ParseFixture("litpuvn-arxiv-oai-harvester", "ListRecords.xml"));

        Assert.Equal(["0803.4354", "0808.3386", "1502.02762", "1505.00300", "1603.06854", "1605.00928"],
            papers.Where(p => p.Withdrawn).Select(p => p.Id).Order(StringComparer.Ordinal));
        var merged = papers.Single(p => p.Id == "1603.06854");
        Assert.Equal(4, merged.Version);
        Assert.Equal("0kb", merged.Versions[^1].Size);
    }

    [Fact]
    public void Parse_MapsDublinCore_WhenOaiDcRecord()
    {
        var p = Papers(ParseFixture("invenio-oaiharvester", "sample_oai_dc_response.xml")).Single();

        Assert.Equal("1507.03011", p.Id);
        Assert.Equal("The Distribution of Star Formation and Metals in the Low Surface Brightness Galaxy UGC 628", p.Title);
        Assert.Equal(["J. E. Young", "Rachel Kuzio de Naray", "Sharon X. Wang"], p.Authors);
        Assert.Equal(["astro-ph.GA"], p.Categories);
        Assert.Equal("13 pages, 7 figures", p.Comments);
        Assert.StartsWith("We introduce the MUSCEL Program", p.Abstract);
        Assert.Equal(new DateTimeOffset(2015, 7, 10, 0, 0, 0, TimeSpan.Zero), p.Submitted);
    }

    [Theory]
    [InlineData("Computer Science - Learning", "cs.LG")]
    [InlineData("Statistics - Machine Learning", "stat.ML")]
    [InlineData("High Energy Physics - Theory", "hep-th")]
    [InlineData("Quantum Physics", "quant-ph")]
    [InlineData("Condensed Matter - Strongly Correlated Electrons", "cond-mat.str-el")]
    [InlineData("Underwater Basket Weaving", null)]
    public void SubjectToCode_MapsDublinCoreSubject_WhenKnownName(string subject, string? code) =>
        Assert.Equal(code, DublinCoreParser.SubjectToCode(subject));

    [Fact]
    public void Parse_ReadsNamespaceFreeAndConcatenatedResponses_WhenHepcrawlAndInvenioVariants()
    {
        var noNs = Papers(ParseFixture("invenio-oaiharvester", "sample_arxiv_response_no_namespace.xml")).Single();
        Assert.Equal("0804.2273", noNs.Id);
        Assert.Contains("Herbert Van de Sompel", noNs.Authors);

        var concatenated = Papers(ParseFixture("hepcrawl", "unit-responses", "sample_arxiv_record.xml"));
        Assert.Equal(["1601.03238", "1512.07978", "1603.00997"], concatenated.Take(3).Select(p => p.Id));
        Assert.Equal(12, concatenated.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Parse_YieldsDeletedRecordAndTreatsEmptyTokenAsLastPage_WhenDeletedHeader()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
            <responseDate>2024-01-02T03:04:05Z</responseDate>
            <ListRecords>
            <record><header status="deleted"><identifier>oai:arXiv.org:hep-th/9901001</identifier><datestamp>2020-01-01</datestamp></header></record>
            <record><header><identifier>oai:arXiv.org:9999.bad</identifier></header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>not-an-id</id><title>T</title></arXiv></metadata></record>
            <resumptionToken cursor="1000" completeListSize="1002"></resumptionToken>
            </ListRecords>
            </OAI-PMH>
            """;

        var page = OaiResponseParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "mem");

        Assert.Equal("hep-th/9901001", Assert.IsType<DeletedRecord>(page.Records[0]).PaperId);
        Assert.Contains("not-an-id", Assert.IsType<RejectedRecord>(page.Records[1]).Reason);
        Assert.Null(page.ResumptionToken);
        Assert.Equal((1002L, 1000L), (page.CompleteListSize!.Value, page.Cursor!.Value));
    }

    [Fact]
    public void Parse_ThrowsXmlExceptionWithPosition_WhenMalformed_AndReaderRejectsTheRest()
    {
        var good = File.ReadAllText(Fixture("mikesaelim-arXivOAIHarvester", "ListRecordsResponse.xml"));
        var cut = good.IndexOf("<record>", good.IndexOf("<record>", good.IndexOf("<record>") + 1) + 1); // the third record
        var broken = good[..cut] + "<record><header></oops>\n" + good[cut..];

        var ex = Assert.Throws<XmlException>(() => OaiResponseParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(broken)), "mem"));
        Assert.True(ex.LineNumber > 1);

        using var dir = new TempDir("oai");
        var path = SourceTestFiles.Write(dir, "broken.xml", broken);
        var records = SourceTestFiles.ReadAll(path);
        Assert.Equal(2, records.OfType<PaperRecord>().Count());
        var reject = Assert.IsType<RejectedRecord>(records[^1]);
        Assert.Equal($"line {ex.LineNumber}, column {ex.LinePosition}", reject.Position);
        Assert.Contains("malformed XML", reject.Reason);
    }

    [Fact]
    public void Read_ReadsWholeFixtureFolder_WhenDirectoryOfResponses()
    {
        var records = SourceReader.Read(SharedData.OaiFixtures).ToList();
        var rejects = records.OfType<RejectedRecord>().ToList();

        // 626 <record> elements in the response files (data README says 625; grep counts 626); 4 XML schemas are not responses; 4 error pages (noRecordsMatch is not an error).
        Assert.Equal(626, records.OfType<PaperRecord>().Count());
        Assert.Equal(4, rejects.Count(r => r.Source.EndsWith(".xsd", StringComparison.Ordinal)));
        Assert.Equal(4, rejects.Count(r => r.Reason.StartsWith("OAI-PMH error", StringComparison.Ordinal)));
        Assert.Equal(8, rejects.Count);
    }
}
