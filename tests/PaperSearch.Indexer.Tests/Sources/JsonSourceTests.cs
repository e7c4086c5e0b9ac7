using System.Diagnostics;
using System.Text;
using PaperSearch.Indexer.Sources;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Indexer.Tests.Sources;

public sealed class JsonSourceTests(ITestOutputHelper output)
{
    [Fact]
    public void Read_ParsesEveryCorpusLine_WhenDailyListingCorpusGz()
    {
        var sw = Stopwatch.StartNew();
        var cpuBefore = ThreadCpuTime();
        int papers = 0, versioned = 0, cateOnly = 0;
        var rejects = new List<RejectedRecord>();
        foreach (var record in SourceReader.Read(SharedData.Corpus))
        {
            switch (record)
            {
                case PaperRecord p:
                    papers++;
                    if (p.Paper.Version > 1 || p.Paper.Submitted is not null) versioned++;
                    if (p.Paper.Categories.Count == 1) cateOnly++;
                    Assert.NotNull(p.Paper.ListingDate);
                    Assert.NotEmpty(p.Paper.Abstract);
                    break;
                case RejectedRecord r: rejects.Add(r); break;
                default: Assert.Fail($"unexpected {record.GetType().Name}"); break;
            }
        }
        sw.Stop();
        var cpu = ThreadCpuTime() - cpuBefore;
        // Wall time depends on whatever else shares the 2 cores; the reader's own CPU time is the honest rate.
        output.WriteLine($"{papers} papers: wall {sw.Elapsed.TotalSeconds:F1} s ({papers / sw.Elapsed.TotalSeconds:F0}/s), " +
                         $"CPU {cpu.TotalSeconds:F1} s ({papers / cpu.TotalSeconds:F0} records/s per core, gunzip included)");
        Assert.Empty(rejects);
        Assert.Equal(118_151, papers);
        Assert.True(versioned >= 250, $"published/updated records: {versioned}");
    }

    [Fact]
    public void Read_YieldsOnlySummaries_WhenAiEnhancedFile()
    {
        int summaries = 0, chinese = 0;
        var rejects = new List<RejectedRecord>();
        foreach (var record in SourceReader.Read(SharedData.AiEnhanced))
        {
            switch (record)
            {
                case SummaryRecord s:
                    summaries++;
                    Assert.True(s.Summary.IsUsable);
                    if (s.Summary.Parts().Any(p => p.Any(c => c is >= '\u4e00' and <= '\u9fff'))) chinese++;
                    break;
                case RejectedRecord r: rejects.Add(r); break;
                default: Assert.Fail($"unexpected {record.GetType().Name}"); break;
            }
        }
        output.WriteLine($"{summaries} summaries, {chinese} with Chinese, {rejects.Count} rejected");
        Assert.Empty(rejects);
        Assert.Equal(33_639, summaries);
        Assert.Equal(33_639, chinese);
    }

    [Fact]
    public void Read_MapsEveryField_WhenKaggleSnapshotLine()
    {
        var records = SourceTestFiles.ReadAll(SharedData.KaggleSample);
        Assert.Equal(200, records.OfType<PaperRecord>().Count());
        var p = records.OfType<PaperRecord>().First().Paper;
        Assert.Equal("0704.0001", p.Id);
        Assert.Equal(2, p.Version);
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", p.Title);
        Assert.StartsWith("A fully differential calculation in perturbative quantum chromodynamics is presented for", p.Abstract);
        Assert.EndsWith("judicious selection of events.", p.Abstract);
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"], p.Authors);
        Assert.Equal(["hep-ph"], p.Categories);
        Assert.Equal("37 pages, 15 figures; published version", p.Comments);
        Assert.Equal("Phys.Rev.D76:013009,2007", p.JournalRef);
        Assert.Equal("10.1103/PhysRevD.76.013009", p.Doi);
        Assert.Equal("ANL-HEP-PR-07-12", p.ReportNo);
        Assert.Null(p.License);
        Assert.Equal(new DateTimeOffset(2007, 4, 2, 19, 18, 42, TimeSpan.Zero), p.Submitted);
        Assert.Equal(new DateTimeOffset(2008, 11, 26, 0, 0, 0, TimeSpan.Zero), p.Updated);
        Assert.Equal([1, 2], p.Versions.Select(v => v.Number));
        Assert.Equal(new DateTimeOffset(2007, 7, 24, 20, 10, 27, TimeSpan.Zero), p.Versions[1].Date);

        var second = records.OfType<PaperRecord>().Single(r => r.Paper.Id == "0704.0002").Paper;
        Assert.Equal(["math.CO", "cs.CG"], second.Categories);
        Assert.Equal("http://arxiv.org/licenses/nonexclusive-distrib/1.0/", second.License);
        Assert.Equal("line 2", records.OfType<PaperRecord>().Single(r => r.Paper.Id == "0704.0002").Position);
    }

    [Fact]
    public void Read_RejectsCorruptLineAndKeepsTheRest_WhenLineInTheMiddleIsMalformed()
    {
        using var dir = new TempDir("sources");
        var lines = SourceTestFiles.KaggleLines().Take(6).ToArray();
        lines[2] = lines[2][..(lines[2].Length / 2)]; // truncated JSON on line 3
        lines[4] = lines[4].Replace("\"id\":\"0704.0005\"", "\"id\":\"not-an-id\"");
        var path = SourceTestFiles.Write(dir, "broken.json", string.Join('\n', lines) + "\n\n");

        var records = SourceTestFiles.ReadAll(path);

        Assert.Equal(["0704.0001", "0704.0002", "0704.0004", "0704.0006"], records.OfType<PaperRecord>().Select(r => r.Paper.Id));
        var rejects = records.OfType<RejectedRecord>().ToList();
        Assert.Equal(2, rejects.Count);
        Assert.Equal((path, "line 3"), (rejects[0].Source, rejects[0].Position));
        Assert.Contains("malformed JSON", rejects[0].Reason);
        Assert.Equal("line 5", rejects[1].Position);
        Assert.Contains("not-an-id", rejects[1].Reason);
    }

    [Fact]
    public void Read_RejectsRecord_WhenIdOrTitleMissing()
    {
        using var dir = new TempDir("sources");
        var path = SourceTestFiles.Write(dir, "daily.jsonl", """
            {"_source_file": "data/2025-03-18.jsonl", "title": "No id here", "authors": [], "summary": "x"}
            {"_source_file": "data/2025-03-18.jsonl", "id": "2503.11731", "title": "  ", "authors": [], "summary": "x"}
            {"_source_file": "data/2025-03-18.jsonl", "id": "2503.1173v3", "title": "Short id\n  wrapped", "authors": ["A B"], "cate": "cs.NA", "summary": "a\n b", "comment": null}
            """);

        var records = SourceTestFiles.ReadAll(path);

        Assert.Equal("missing id", Assert.IsType<RejectedRecord>(records[0]).Reason);
        Assert.Contains("no title", Assert.IsType<RejectedRecord>(records[1]).Reason);
        var p = Assert.IsType<PaperRecord>(records[2]).Paper;
        Assert.Equal(("2503.01173", 3, "Short id wrapped", "a b"), (p.Id, p.Version, p.Title, p.Abstract));
        Assert.Equal(["math.NA"], p.Categories);
        Assert.Equal(new DateOnly(2025, 3, 18), p.ListingDate);
    }

    [Fact]
    public void Read_MapsListingFields_WhenDailyCorpusRecordsOfBothShapes()
    {
        using var dir = new TempDir("sources");
        var wanted = new HashSet<string> { "2503.11742", "2506.05355", "2606.18250v1" };
        var lines = ReadGzLines(SharedData.Corpus).Where(l => wanted.Any(w => l.Contains($"\"id\": \"{w}\""))).ToList();
        var path = SourceTestFiles.Write(dir, "some.jsonl", string.Join('\n', lines));

        var papers = SourceTestFiles.ReadAll(path).OfType<PaperRecord>().Select(r => r.Paper).ToDictionary(p => p.Id);

        var modern = papers["2503.11742"];
        Assert.Equal("Safe Vision-Language Models via Unsafe Weights Manipulation", modern.Title);
        Assert.Equal(["cs.CV", "cs.AI"], modern.Categories);
        Assert.Equal("Moreno D'Incà", modern.Authors[0]);
        Assert.Equal("Work in progress", modern.Comments);
        Assert.Equal(new DateOnly(2025, 3, 18), modern.ListingDate);
        Assert.DoesNotContain('\n', modern.Abstract);

        var old = papers["2506.05355"];
        Assert.Equal(["cs.CR"], old.Categories);
        Assert.Equal(["Taimoor Ahmad"], old.Authors);
        Assert.Equal(new DateOnly(2025, 6, 9), old.ListingDate);

        var versioned = papers["2606.18250"];
        Assert.Equal(1, versioned.Version);
        Assert.Equal(new DateTimeOffset(2026, 6, 16, 17, 59, 46, TimeSpan.Zero), versioned.Submitted);
    }

    [Fact]
    public void Read_RejectsPlaceholderSummary_WhenAiObjectIsOnlyFailureText()
    {
        using var dir = new TempDir("sources");
        var path = SourceTestFiles.Write(dir, "ai.jsonl", """
            {"_source_file": "data/2026-01-14_AI_enhanced_Chinese.jsonl", "id": "2601.00001", "title": "T", "summary": "S", "AI": {"tldr": "Summary generation failed", "motivation": "Error", "method": "错误：AI分析失败。", "result": "", "conclusion": "Error"}}
            {"_source_file": "data/2026-01-14_AI_enhanced_Chinese.jsonl", "id": "2601.00002", "title": "T", "summary": "S", "AI": {"tldr": "提出一种新方法", "motivation": "Error", "method": "错误校正码的新构造", "result": "有效", "conclusion": "好"}}
            {"_source_file": "data/2026-01-14_AI_enhanced_Chinese.jsonl", "id": "2601.00003", "title": "T", "summary": "S", "AI": null}
            """);

        var records = SourceTestFiles.ReadAll(path);

        Assert.Contains("placeholder", Assert.IsType<RejectedRecord>(records[0]).Reason);
        var summary = Assert.IsType<SummaryRecord>(records[1]);
        Assert.Equal("2601.00002", summary.PaperId);
        Assert.Equal("提出一种新方法", summary.Summary.Tldr);
        Assert.Null(summary.Summary.Motivation);
        Assert.Equal("错误校正码的新构造", summary.Summary.Method); // a real sentence that merely starts with 错误 ("error")
        Assert.IsType<RejectedRecord>(records[2]);
    }

    [Fact]
    public void Read_DecompressesDirectly_WhenGzAndTarGz()
    {
        using var dir = new TempDir("sources");
        var bytes = File.ReadAllBytes(SharedData.KaggleSample);
        var gz = SourceTestFiles.Gzip(dir, "sample.json.gz", bytes);
        var tgz = SourceTestFiles.TarGz(dir, "sample.tgz", ("a/first.jsonl", bytes), ("b/second.jsonl", Encoding.UTF8.GetBytes("{\"id\": \"0704.0001\", \"versions\": []}\n{oops\n")));

        Assert.Equal(200, SourceTestFiles.ReadAll(gz).OfType<PaperRecord>().Count());
        var fromTar = SourceTestFiles.ReadAll(tgz);
        Assert.Equal(200, fromTar.OfType<PaperRecord>().Count());
        Assert.Equal("entry a/first.jsonl, line 200", fromTar.OfType<PaperRecord>().Last().Position);
        var rejects = fromTar.OfType<RejectedRecord>().ToList();
        Assert.Equal(["entry b/second.jsonl, line 1", "entry b/second.jsonl, line 2"], rejects.Select(r => r.Position));
        Assert.All(rejects, r => Assert.Equal(tgz, r.Source));
    }

    [Fact]
    public void Read_ReadsEveryFile_WhenDirectory()
    {
        using var dir = new TempDir("sources");
        var lines = SourceTestFiles.KaggleLines();
        SourceTestFiles.Write(dir, "x/one.json", string.Join('\n', lines.Take(3)));
        SourceTestFiles.Gzip(dir, "x/y/two.json.gz", Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(3).Take(4))));

        var records = SourceTestFiles.ReadAll(dir.Path);

        Assert.Equal(7, records.OfType<PaperRecord>().Count());
        Assert.Empty(records.OfType<RejectedRecord>());
    }

    [Fact]
    public void Read_RejectsWholeFileNamingFormats_WhenFormatUnknown()
    {
        using var dir = new TempDir("sources");
        var csv = SourceTestFiles.Write(dir, "papers.csv", "id,title\n2401.00001,Hello\n");
        var json = SourceTestFiles.Write(dir, "other.jsonl", "{\"name\": \"not a paper\"}\n{\"name\": \"x\"}\n");
        var empty = SourceTestFiles.Write(dir, "empty.json", "");

        var csvRecord = Assert.IsType<RejectedRecord>(Assert.Single(SourceTestFiles.ReadAll(csv)));
        Assert.Contains("Kaggle", csvRecord.Reason);
        Assert.Contains("OAI-PMH", csvRecord.Reason);
        Assert.Equal("file", csvRecord.Position);
        Assert.Contains("JSON lines without", Assert.IsType<RejectedRecord>(Assert.Single(SourceTestFiles.ReadAll(json))).Reason);
        Assert.Contains("empty", Assert.IsType<RejectedRecord>(Assert.Single(SourceTestFiles.ReadAll(empty))).Reason);
        Assert.Throws<FileNotFoundException>(() => SourceReader.Read(dir.Sub("missing.json")));
    }

    /// <summary>CPU time of the calling thread (Linux /proc; the enumeration runs on this thread).</summary>
    private static TimeSpan ThreadCpuTime()
    {
        var schedstat = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
        return TimeSpan.FromTicks(long.Parse(schedstat[0], System.Globalization.CultureInfo.InvariantCulture) / 100);
    }

    private static IEnumerable<string> ReadGzLines(string path)
    {
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        while (reader.ReadLine() is { } line) yield return line;
    }
}
