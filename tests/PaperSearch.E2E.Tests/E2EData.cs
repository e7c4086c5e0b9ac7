using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;

namespace PaperSearch.E2E.Tests;

/// <summary>Fills a data dir the way `papersearch import` does (store + index), before the app opens it.</summary>
internal static class E2EData
{
    public static async Task<ImportSummary> ImportAsync(string dataDir, TestCorpus corpus, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dataDir);
        var store = PaperStore.Open(dataDir);
        await store.MigrateAsync(ct);
        // The index takes the writer lock; dispose it so the app can open its own.
        using var index = await PaperIndexWriter.OpenAsync(DataPaths.Index(dataDir), store, ct: ct);
        var summary = await new Importer(store, index).ImportAsync([corpus.CorpusFile, corpus.SummaryFile, corpus.HandWrittenFile], stop: ct);
        if (summary.Inserted < corpus.Papers.Count)
            throw new InvalidOperationException($"Only {summary.Inserted} of {corpus.Papers.Count} papers imported: " + string.Join("; ", summary.Rejections.Take(5)));
        return summary;
    }
}
