using System.Text;
using PaperSearch.Indexer.Sources;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Indexer.Tests.Sources;

/// <summary>Over-long records are rejected (position, field, length, cap) and the records after them are read.</summary>
public sealed class FieldCapsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new("caps");

    public void Dispose() => _dir.Dispose();

    private static string Listing(string id, string title = "A title", string summary = "An abstract.", int authors = 1) =>
        $$"""{"_source_file": "data/2025-03-18.jsonl", "id": "{{id}}", "authors": [{{string.Join(", ", Enumerable.Repeat("\"Ada Lovelace\"", authors))}}], "title": "{{title}}", "categories": ["cs.LG"], "comment": null, "summary": "{{summary}}"}""";

    [Theory]
    [InlineData("title", FieldCaps.Title)]
    [InlineData("abstract", FieldCaps.Abstract)]
    public void Read_RejectsOverLongFieldAndKeepsTheNextRecord_WhenJsonFieldOverCap(string field, int cap)
    {
        var longText = new string('x', cap + 1);
        var atCap = new string('x', cap);
        var lines = field == "title"
            ? new[] { Listing("2503.00001", title: longText), Listing("2503.00002", title: atCap) }
            : [Listing("2503.00001", summary: longText), Listing("2503.00002", summary: atCap)];

        var records = SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "day.jsonl", string.Join('\n', lines)));

        var reject = Assert.IsType<RejectedRecord>(records[0]);
        Assert.Equal("line 1", reject.Position);
        Assert.Equal($"paper 2503.00001: {field} is {cap + 1:N0} characters, over the cap of {cap:N0}; skipped", reject.Reason);
        Assert.Equal("2503.00002", Assert.IsType<PaperRecord>(records[1]).Paper.Id);
    }

    [Fact]
    public void Read_RejectsPaper_WhenMoreAuthorsThanTheCap()
    {
        var lines = new[] { Listing("2503.00001", authors: FieldCaps.AuthorCount + 1), Listing("2503.00002", authors: 3_303) };

        var records = SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "day.jsonl", string.Join('\n', lines)));

        Assert.Contains("authors is 10,001 names, over the cap of 10,000", Assert.IsType<RejectedRecord>(records[0]).Reason);
        Assert.Equal(3_303, Assert.IsType<PaperRecord>(records[1]).Paper.Authors.Count);
    }

    [Fact]
    public void Read_RejectsSummary_WhenAnAiPartIsOverTheCap()
    {
        var line = $$$"""{"_source_file": "data/2025-03-18_AI_enhanced_Chinese.jsonl", "id": "2503.00001", "title": "T", "summary": "S", "AI": {"tldr": "{{{new string('稀', FieldCaps.SummaryPart + 1)}}}", "motivation": "动机", "method": "方法", "result": "结果", "conclusion": "结论"}}""";

        var reject = Assert.IsType<RejectedRecord>(Assert.Single(SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "ai.jsonl", line))));

        Assert.Contains("AI.tldr is 5,001 characters, over the cap of 5,000", reject.Reason);
    }

    [Fact]
    public void Read_RejectsLineByItsLengthAndKeepsTheNext_WhenJsonLineOverOneRecordsSize()
    {
        var huge = Listing("2503.00001", summary: new string('x', FieldCaps.RecordSize));
        var records = SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "day.jsonl", Listing("2503.00003") + "\n" + huge + "\n" + Listing("2503.00002")));

        Assert.Equal(["2503.00003", "2503.00002"], records.OfType<PaperRecord>().Select(r => r.Paper.Id));
        var reject = Assert.IsType<RejectedRecord>(records[1]);
        Assert.Equal("line 2", reject.Position);
        Assert.Equal($"the line is {Encoding.UTF8.GetByteCount(huge):N0} bytes, over the cap of {FieldCaps.RecordSize:N0} (the most one record may take); skipped", reject.Reason);
    }

    [Fact]
    public void Read_RejectsAbsFileByItsSize_WhenOverOneRecordsSize()
    {
        var abs = "------\n\\\\\narXiv:0704.0001\nTitle: T\n\\\\\n" + new string('x', FieldCaps.RecordSize) + "\n\\\\\n";

        var reject = Assert.IsType<RejectedRecord>(Assert.Single(SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "0704.0001.abs", abs))));

        Assert.StartsWith($"the .abs file is {abs.Length:N0} bytes, over the cap of {FieldCaps.RecordSize:N0}", reject.Reason);
    }

    private static string OaiPage(params string[] abstracts) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>{string.Concat(abstracts.Select((a, i) => OaiRecord($"0704.{i + 1:0000}", a)))}</ListRecords></OAI-PMH>""";

    private static string OaiRecord(string id, string abstractText) =>
        $"""<record><header><identifier>oai:arXiv.org:{id}</identifier></header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>{id}</id><title>Paper {id}</title><abstract>{abstractText}</abstract></arXiv></metadata></record>""";

    [Fact]
    public void Read_RejectsByTheAbstractCap_WhenOaiAbstractIsOverItButFitsInMemory()
    {
        var records = SourceTestFiles.ReadAll(SourceTestFiles.Write(_dir, "page.xml", OaiPage(new string('x', 25_000), "Fine.")));

        Assert.Equal("paper 0704.0001: abstract is 25,000 characters, over the cap of 20,000; skipped", Assert.IsType<RejectedRecord>(records[0]).Reason);
        Assert.Equal("0704.0002", Assert.IsType<PaperRecord>(records[1]).Paper.Id);
    }

    [Fact]
    public void Read_RejectsWithoutBufferingAndReadsTheNextRecords_WhenOaiAbstractIs60MB()
    {
        var path = _dir.Sub("huge.xml");
        const long hugeChars = 60L * 1024 * 1024;
        using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            w.Write("""<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>""");
            w.Write(OaiRecord("0704.0001", "Before."));
            var record = OaiRecord("0704.0002", "\u0000");
            w.Write(record[..record.IndexOf('\u0000')]);
            var block = new string('y', 1024 * 1024);
            for (var i = 0; i < hugeChars / block.Length; i++) w.Write(block);
            w.Write(record[(record.IndexOf('\u0000') + 1)..]);
            w.Write(OaiRecord("0704.0003", "After."));
            w.Write("</ListRecords></OAI-PMH>");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var records = SourceTestFiles.ReadAll(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(["0704.0001", "0704.0003"], records.OfType<PaperRecord>().Select(r => r.Paper.Id));
        var reject = Assert.IsType<RejectedRecord>(records[1]);
        Assert.Contains("record 2", reject.Position);
        Assert.Equal($"record oai:arXiv.org:0704.0002: <abstract> is {hugeChars:N0} characters, more than any field may hold ({FieldCaps.LongestField:N0}); skipped", reject.Reason);
        // A buffered abstract alone would be 120 MB of UTF-16; reading it in chunks costs the reader's buffers.
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    /// <summary>
    /// The caps against the real data: every record of every shared source passes (the other source tests assert
    /// none is rejected), and each field's real maximum is at most half its cap.
    /// </summary>
    [Fact]
    public void Caps_AreAtLeastTwiceTheLongestRealValue_WhenEveryRealSourceRead()
    {
        var max = new Dictionary<string, int>();
        void See(string field, int length) => max[field] = Math.Max(max.GetValueOrDefault(field), length);
        var read = 0;
        foreach (var source in new[] { SharedData.Corpus, SharedData.AiEnhanced, SharedData.KaggleSample, SharedData.OaiFixtures, SharedData.AbsTarball })
            foreach (var record in SourceReader.Read(source))
            {
                read++;
                Assert.False(record is RejectedRecord r && r.Reason.Contains("cap", StringComparison.Ordinal), record.ToString());
                if (record is SummaryRecord s) foreach (var part in s.Summary.Parts()) See("AI part", part.Length);
                if (record is not PaperRecord { Paper: var p }) continue;
                See("title", p.Title.Length);
                See("abstract", p.Abstract.Length);
                See("comments", p.Comments?.Length ?? 0);
                foreach (var shortField in new[] { p.JournalRef, p.Doi, p.License, p.ReportNo }) See("short field", shortField?.Length ?? 0);
                See("author count", p.Authors.Count);
                See("authors length", string.Join(", ", p.Authors).Length);
                See("category count", p.Categories.Count);
                See("categories length", string.Join(", ", p.Categories).Length);
                See("version count", p.Versions.Count);
            }
        output.WriteLine($"{read:N0} records; longest: " + string.Join(", ", max.Select(kv => $"{kv.Key} {kv.Value:N0}")));

        var caps = new Dictionary<string, int>
        {
            ["title"] = FieldCaps.Title, ["abstract"] = FieldCaps.Abstract, ["comments"] = FieldCaps.Comments,
            ["short field"] = FieldCaps.ShortField, ["author count"] = FieldCaps.AuthorCount, ["authors length"] = FieldCaps.AuthorsLength,
            ["category count"] = FieldCaps.CategoryCount, ["categories length"] = FieldCaps.CategoriesLength,
            ["version count"] = FieldCaps.VersionCount, ["AI part"] = FieldCaps.SummaryPart,
        };
        Assert.Equal(caps.Keys.Order(), max.Keys.Order());
        Assert.All(caps, cap => Assert.True(2 * max[cap.Key] <= cap.Value, $"{cap.Key}: real maximum {max[cap.Key]:N0}, cap {cap.Value:N0}"));
    }
}
