using PaperSearch.Indexer.Sources;
using PaperSearch.Indexer.Sources.Json;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

/// <summary>The JSON-lines shape comes from the first several lines: a bad first line costs that line only.</summary>
public sealed class FormatSniffingTests : IDisposable
{
    private readonly TempDir _dir = new("sniff");

    public void Dispose() => _dir.Dispose();

    private static IEnumerable<string> Good(int count) => SourceTestFiles.KaggleLines().Take(count);

    [Theory]
    [InlineData("{\"name\": \"an object of no known shape\"}", "without the fields of a known format")]
    [InlineData("id,title,abstract", "malformed JSON")]
    [InlineData("{\"id\": \"0704.9999\", \"title\": \"cut off", "malformed JSON")]
    [InlineData("[1, 2, 3]", "expected a JSON object")]
    public void Read_RejectsOnlyTheFirstLine_WhenItIsBadAndGoodLinesFollow(string firstLine, string reason)
    {
        var path = SourceTestFiles.Write(_dir, "papers.json", string.Join('\n', Good(5).Prepend(firstLine)));

        var records = SourceTestFiles.ReadAll(path);

        var reject = Assert.IsType<RejectedRecord>(records[0]);
        Assert.Equal("line 1", reject.Position);
        Assert.Contains(reason, reject.Reason);
        Assert.Equal(5, records.Skip(1).OfType<PaperRecord>().Count());
        Assert.Equal(6, records.Count);
    }

    [Fact]
    public void Read_RejectsTheWholeFileOnce_WhenNoneOfTheFirstLinesHasAKnownShape()
    {
        var bad = Enumerable.Range(0, JsonLinesReader.SniffLines).Select(i => $"{{\"name\": {i}}}");
        var path = SourceTestFiles.Write(_dir, "other.jsonl", string.Join('\n', bad.Concat(Good(3))));

        var reject = Assert.IsType<RejectedRecord>(Assert.Single(SourceTestFiles.ReadAll(path)));

        Assert.Equal("file", reject.Position);
        Assert.Contains("JSON lines without the fields of a known format: unsupported format", reject.Reason);
    }

    [Fact]
    public void Read_FindsTheShapeOnTheLastSniffedLine_WhenTheLinesBeforeAreBad()
    {
        var bad = Enumerable.Range(0, JsonLinesReader.SniffLines - 1).Select(i => "not json " + i);
        var path = SourceTestFiles.Write(_dir, "late.jsonl", string.Join('\n', bad.Concat(Good(2))));

        var records = SourceTestFiles.ReadAll(path);

        Assert.Equal(JsonLinesReader.SniffLines - 1, records.OfType<RejectedRecord>().Count());
        Assert.Equal(2, records.OfType<PaperRecord>().Count());
    }

    [Fact]
    public void Read_RejectsBinaryFileAsUnknown_WhenItHasNulBytes()
    {
        var path = _dir.Sub("paper.pdf");
        File.WriteAllBytes(path, [.. "%PDF-1.7\n"u8, 0, 1, 2, 3, (byte)'\n', .. "{\"id\": 1}"u8]);

        var reject = Assert.IsType<RejectedRecord>(Assert.Single(SourceTestFiles.ReadAll(path)));

        Assert.Contains("unrecognised content", reject.Reason);
    }
}
