using System.Diagnostics;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Sources;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Benchmarks;

/// <summary>
/// End-to-end import of the real corpus (default: the whole corpus.jsonl.gz) into a scratch store + index, with
/// the parse-only rate of the same file as its in-run baseline (the ceiling no store or index work can beat).
/// <c>dotnet run -c Release --project tests/PaperSearch.Benchmarks -- import [--file PATH] [--summaries 1]</c>
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var map = new ArgMap(args);
        var file = map.Find("file") ?? SharedData.Corpus;
        var withSummaries = map.Find("summaries") == "1";
        Console.WriteLine($"import benchmark: {file} on {Environment.ProcessorCount} cores, load {Machine.LoadAverage()}");

        var parse = Stopwatch.StartNew();
        long records = 0;
        foreach (var _ in SourceReader.Read(file)) records++;
        parse.Stop();
        Console.WriteLine($"parse only: {records:N0} records in {parse.Elapsed.TotalSeconds:F1}s = {records / parse.Elapsed.TotalSeconds:N0}/s");

        using var dir = new TempDir("import-bench");
        var store = PaperStore.Open(dir.Path);
        await store.MigrateAsync();
        using var index = await PaperIndexWriter.OpenAsync(dir.Sub("index"), store);
        var importer = new Importer(store, index);
        var s = await importer.ImportAsync([file]);
        Console.WriteLine($"import: read {s.Read:N0} = inserted {s.Inserted:N0} + updated {s.Updated:N0} + unchanged {s.Unchanged:N0} + merged {s.Merged:N0} + rejected {s.Rejected:N0}" +
                          $" (balanced: {s.IsBalanced}); {s.Elapsed.TotalSeconds:F1}s = {s.PapersPerSecond:N0} papers/s end to end");
        if (withSummaries)
        {
            var z = await importer.ImportAsync([SharedData.AiEnhanced]);
            Console.WriteLine($"summaries: {z.SummaryRecords:N0} records, {z.Summaries:N0} stored, {z.IndexedChanges:N0} reindexed in {z.Elapsed.TotalSeconds:F1}s");
        }
        var merge = Stopwatch.StartNew();
        var m = await index.ForceMergeAsync(5);
        Console.WriteLine($"force merge: {m.SegmentsBefore} → {m.SegmentsAfter} segments in {merge.Elapsed.TotalSeconds:F1}s; load {Machine.LoadAverage()}");
        return 0;
    }
}
