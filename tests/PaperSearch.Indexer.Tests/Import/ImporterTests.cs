using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Import;

public sealed class ImporterTests
{
    private static string Line(string id, string title, string date = "2025-03-18", string cats = "\"cs.LG\"") =>
        $$"""{"_source_file": "data/{{date}}.jsonl", "id": "{{id}}", "authors": ["Ada Lovelace"], "title": "{{title}}", "categories": [{{cats}}], "comment": null, "summary": "An abstract about {{title}}."}""";

    [Fact]
    public async Task ImportAsync_ChangesNothingAndAddsNoDocuments_WhenSameFileImportedTwice()
    {
        using var t = await TestIndex.CreateAsync();
        var file = t.Dir.Sub("day.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 2500).Select(i => Line($"2503.{i:00000}", $"Paper {i} on sparse coding")));
        var importer = new Importer(t.Store, t.Index);

        var first = await importer.ImportAsync([file]);
        var second = await importer.ImportAsync([file]);

        Assert.Equal((2500, 0, 0), (first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 2500), (second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(0, second.IndexedChanges);
        var stats = t.Index.Searcher.Stats();
        Assert.Equal(2500, await t.Store.CountAsync());
        Assert.Equal(2500, stats.NumDocs);
        Assert.Equal(stats.NumDocs, stats.MaxDoc);
        Assert.Equal(await t.Store.MaxSeqAsync(), stats.CommittedSeq);
    }

    [Fact]
    public async Task ImportAsync_UpdatesIndexInPlace_WhenRecordChangesOnReimport()
    {
        using var t = await TestIndex.CreateAsync();
        var file = t.Dir.Sub("day.jsonl");
        await File.WriteAllLinesAsync(file, [Line("2503.00001", "Old name"), Line("2503.00002", "Other")]);
        var importer = new Importer(t.Store, t.Index);
        await importer.ImportAsync([file]);
        await File.WriteAllLinesAsync(file, [Line("2503.00001", "Brand new name"), Line("2503.00002", "Other")]);

        var again = await importer.ImportAsync([file]);

        Assert.Equal((0, 1, 1), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(["2503.00001"], t.Ids("brand"));
        Assert.Empty(t.Ids("old"));
        Assert.Equal(2, t.Index.Searcher.Stats().NumDocs);
    }

    [Fact]
    public async Task ImportAsync_ReportsRejectionWithFileAndPosition_WhenLineIsBad()
    {
        using var t = await TestIndex.CreateAsync();
        var file = t.Dir.Sub("day.jsonl");
        await File.WriteAllLinesAsync(file, [Line("2503.00001", "Fine"), "{not json", Line("not-an-id", "Bad id"), Line("2503.00002", "Also fine")]);
        var progress = new List<ImportProgress>();

        var summary = await new Importer(t.Store, t.Index).ImportAsync([file], new SyncProgress<ImportProgress>(progress.Add));

        Assert.Equal(2, summary.Inserted);
        Assert.Equal(2, summary.Rejected);
        Assert.Equal(4, summary.Read);
        Assert.All(summary.Rejections, r => Assert.Equal(file, r.Source));
        Assert.Contains(summary.Rejections, r => r.Position.Contains('2'));
        Assert.NotEmpty(progress);
        Assert.Equal(2, progress[^1].Rejected);
    }

    [Fact]
    public async Task ImportAsync_AccountsForEveryRecord_WhenVersionDuplicatesRepeatWithinAndAcrossBatches()
    {
        using var t = await TestIndex.CreateAsync();
        var file = t.Dir.Sub("day.jsonl");
        var aiFile = t.Dir.Sub("ai.jsonl");
        // 1,500 papers; 2503.00007v2 repeats in the first batch of 1,000 (merged); after it, 2503.00009 again
        // (unchanged against the stored row) and 2503.00011v2 with a new title (updated); one bad line; and a
        // second file with one AI summary line.
        var lines = Enumerable.Range(1, 1500).Select(i => Line($"2503.{i:00000}", $"Paper {i}")).ToList();
        lines.Insert(10, Line("2503.00007v2", "Paper 7"));
        lines.Add(Line("2503.00009", "Paper 9"));
        lines.Add(Line("2503.00011v2", "Paper 11 revised"));
        lines.Add("{not json");
        await File.WriteAllLinesAsync(file, lines);
        await File.WriteAllLinesAsync(aiFile, [SummaryLine("2503.00001")]);

        var s = await new Importer(t.Store, t.Index).ImportAsync([file, aiFile]);

        Assert.Equal(1505, s.Read);
        Assert.Equal((1500, 1, 1, 1), (s.Inserted, s.Updated, s.Unchanged, s.Merged));
        Assert.Equal((1, 1, 0), (s.Rejected, s.SummaryRecords, s.DeletionRecords));
        Assert.True(s.IsBalanced);
        Assert.Equal(1503, s.PaperRecords);
        Assert.Equal(1500, await t.Store.CountAsync());
        Assert.Equal(1500, t.Index.Searcher.Stats().NumDocs);
    }

    private static string SummaryLine(string id) =>
        $$$"""{"_source_file": "data/2025-03-18_AI_enhanced_Chinese.jsonl", "id": "{{{id}}}", "categories": ["cs.LG"], "authors": ["Ada Lovelace"], "title": "Paper 1", "comment": null, "summary": "An abstract.", "AI": {"tldr": "稀疏编码的新方法", "motivation": "动机", "method": "方法", "result": "结果", "conclusion": "结论"}}""";

    [Fact]
    public async Task ImportAsync_ImportsEveryGoodLineAndReportsOneBad_WhenFirstLineIs50MB()
    {
        using var t = await TestIndex.CreateAsync();
        var file = t.Dir.Sub("day.jsonl");
        await using (var w = new StreamWriter(file))
        {
            await w.WriteAsync("""{"_source_file": "data/2025-03-18.jsonl", "id": "2503.99999", "title": "Huge", "summary": " """);
            var block = new string('x', 1024 * 1024);
            for (var i = 0; i < 50; i++) await w.WriteAsync(block);
            await w.WriteLineAsync("\"}");
            foreach (var i in Enumerable.Range(1, 100)) await w.WriteLineAsync(Line($"2503.{i:00000}", $"Paper {i}"));
        }

        var s = await new Importer(t.Store, t.Index).ImportAsync([file]);

        Assert.Equal((101, 100, 1), (s.Read, s.Inserted, s.Rejected));
        Assert.Equal("line 1", Assert.Single(s.Rejections).Position);
        Assert.Contains("over the cap of 1,048,576", s.Rejections[0].Reason);
        Assert.Equal(100, t.Index.Searcher.Stats().NumDocs);
    }

    [Fact]
    public async Task ImportAsync_StopsAtABatchBoundaryAndResumesWithoutLossOrDuplicates_WhenStoppedAfterTheFirstBatch()
    {
        using var t = await TestIndex.CreateAsync();
        var file = t.Dir.Sub("day.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 2500).Select(i => Line($"2503.{i:00000}", $"Paper {i} on sparse coding")));
        var importer = new Importer(t.Store, t.Index);
        using var stop = new CancellationTokenSource();

        var stopped = await importer.ImportAsync([file], new SyncProgress<ImportProgress>(_ => stop.Cancel()), stop.Token);

        Assert.True(stopped.Stopped);
        Assert.True(stopped.IsBalanced);
        Assert.Equal((Importer.BatchSize, Importer.BatchSize), (stopped.Read, stopped.Inserted));
        Assert.Equal(Importer.BatchSize, await t.Store.CountAsync());
        var afterStop = t.Index.Searcher.Stats();
        Assert.Equal(Importer.BatchSize, afterStop.NumDocs);
        Assert.Equal(await t.Store.MaxSeqAsync(), afterStop.CommittedSeq); // committed: a crash now would lose nothing

        var resumed = await importer.ImportAsync([file]);

        Assert.False(resumed.Stopped);
        Assert.Equal((2500, 2500 - Importer.BatchSize, Importer.BatchSize, 0), (resumed.Read, resumed.Inserted, resumed.Unchanged, resumed.Updated));
        var ids = await t.Store.StreamChangedSinceAsync(0).Select(c => c.Paper.Id).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => $"2503.{i:00000}"), ids.Order(StringComparer.Ordinal));
        var stats = t.Index.Searcher.Stats();
        Assert.Equal((2500, 2500), (stats.NumDocs, stats.MaxDoc));
        Assert.Equal(await t.Store.MaxSeqAsync(), stats.CommittedSeq);
    }

    [Fact]
    public async Task ImportAsync_StoresNothingAndSaysStopped_WhenStoppedBeforeItStarts()
    {
        using var t = await TestIndex.CreateAsync();
        var file = t.Dir.Sub("day.jsonl");
        await File.WriteAllLinesAsync(file, [Line("2503.00001", "Paper")]);

        var s = await new Importer(t.Store, t.Index).ImportAsync([file], stop: new CancellationToken(canceled: true));

        Assert.True(s.Stopped);
        Assert.Equal(0, s.Read);
        Assert.Equal(0, await t.Store.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_Throws_WhenPathMissing()
    {
        using var t = await TestIndex.CreateAsync();

        await Assert.ThrowsAsync<FileNotFoundException>(() => new Importer(t.Store, t.Index).ImportAsync([t.Dir.Sub("nope.jsonl")]));
    }

    [Fact]
    public async Task ImportAsync_FindsSampledPapersByExactTitle_WhenRealCorpusSampleImported()
    {
        using var t = await TestIndex.CreateAsync();
        var file = CorpusSample.FirstLines(SharedData.Corpus, 5000, t.Dir, "corpus-head.jsonl");

        var summary = await new Importer(t.Store, t.Index).ImportAsync([file]);

        Assert.Equal(5000, summary.Read);
        Assert.True(summary.Inserted > 4900, $"only {summary.Inserted} inserted; rejections: {string.Join("; ", summary.Rejections.Take(5))}");
        Assert.Equal(summary.Inserted, t.Index.Searcher.Stats().NumDocs);
        var sample = await t.Store.GetManyAsync(Enumerable.Range(0, 25).Select(i => t.Index.Searcher.Search(new IndexSearchRequest(null, Offset: i * 150, Count: 1, Sort: IndexSort.Date)).Hits[0].Id).ToList());
        var misses = sample.Where(p => t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse(p.Title), Count: 1)).Hits.FirstOrDefault()?.Id != p.Id).Select(p => p.Title).ToList();
        Assert.Empty(misses);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests want the callbacks before the await returns.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
