namespace PaperSearch.E2E.Tests;

/// <summary>Fills a data dir the way `papersearch import` does: store, index (and embeddings when a model is configured).</summary>
internal static class E2EData
{
    public static Task ImportAsync(string dataDir, TestCorpus corpus, CancellationToken ct = default) =>
        throw new NotImplementedException("waiting for PaperSearch.Indexer.Import.Importer in main");
}
