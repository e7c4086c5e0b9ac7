using System.Text;
using PaperSearch.Indexer.Sources;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

/// <summary>A cut or damaged .gz: the records before the damage are read, and the file is reported, never silently.</summary>
public sealed class TruncatedGzipTests : IDisposable
{
    private readonly TempDir _dir = new("gzip");

    public void Dispose() => _dir.Dispose();

    private string Cut(string gz, int keep, string name)
    {
        var bytes = File.ReadAllBytes(gz);
        var path = _dir.Sub(name);
        File.WriteAllBytes(path, bytes[..(keep < 0 ? bytes.Length + keep : keep)]);
        return path;
    }

    [Fact]
    public void Read_KeepsRecordsBeforeTheCutAndReportsTheFile_WhenRealCorpusGzIsCutMidStream()
    {
        var path = Cut(SharedData.Corpus, 2 * 1024 * 1024, "corpus-head.jsonl.gz");

        var records = SourceTestFiles.ReadAll(path);

        Assert.True(records.OfType<PaperRecord>().Count() > 1_000, $"{records.OfType<PaperRecord>().Count()} papers before the cut");
        var report = Assert.IsType<RejectedRecord>(records[^1]);
        Assert.Equal("end of the gzip data", report.Position);
        Assert.StartsWith("truncated gzip", report.Reason);
        // At most the line the cut went through is rejected besides the file.
        Assert.InRange(records.OfType<RejectedRecord>().Count(), 1, 2);
    }

    [Theory]
    [InlineData(-4)] // the length field missing
    [InlineData(-8)] // the whole trailer missing: every byte of the data is there, only the proof of its end is not
    public void Read_ReadsEveryRecordButReportsTheFile_WhenOnlyTheTrailerIsCut(int keep)
    {
        var whole = SourceTestFiles.Gzip(_dir, "kaggle.json.gz", Encoding.UTF8.GetBytes(string.Join('\n', SourceTestFiles.KaggleLines()) + "\n"));

        var records = SourceTestFiles.ReadAll(Cut(whole, keep, "cut.json.gz"));

        Assert.Equal(200, records.OfType<PaperRecord>().Count());
        Assert.StartsWith("truncated gzip", Assert.IsType<RejectedRecord>(Assert.Single(records.OfType<RejectedRecord>())).Reason);
        Assert.Empty(SourceTestFiles.ReadAll(whole).OfType<RejectedRecord>());
    }

    [Fact]
    public void Read_ReportsCorruptDataInsteadOfThrowing_WhenABlockIsDamaged()
    {
        var whole = SourceTestFiles.Gzip(_dir, "kaggle.json.gz", Encoding.UTF8.GetBytes(string.Join('\n', SourceTestFiles.KaggleLines()) + "\n"));
        var bytes = File.ReadAllBytes(whole);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        var damaged = _dir.Sub("damaged.json.gz");
        File.WriteAllBytes(damaged, bytes);

        var records = SourceTestFiles.ReadAll(damaged);

        var report = Assert.IsType<RejectedRecord>(records[^1]);
        Assert.Equal("end of the gzip data", report.Position);
        Assert.Matches("^(corrupt|truncated) gzip", report.Reason);
    }

    [Fact]
    public void Read_ReportsTheTruncatedArchive_WhenTarGzIsCut()
    {
        var lines = Encoding.UTF8.GetBytes(string.Join('\n', SourceTestFiles.KaggleLines()));
        var tgz = SourceTestFiles.TarGz(_dir, "papers.tar.gz", ("a.json", lines), ("b.json", lines));

        var records = SourceTestFiles.ReadAll(Cut(tgz, -8, "cut.tar.gz"));

        Assert.Equal(400, records.OfType<PaperRecord>().Count());
        Assert.StartsWith("truncated gzip", records.OfType<RejectedRecord>().Last().Reason);
    }
}
