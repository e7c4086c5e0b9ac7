using PaperSearch.Indexer.Import;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Indexer.Tests.Import;

/// <summary>Measures the end-to-end import of all 118,151 lines (118,024 distinct papers) (+ 33,639 summaries). Opt-in: PAPERSEARCH_FULL_CORPUS=1.</summary>
public sealed class FullCorpusImportTests(ITestOutputHelper output)
{
    [FullCorpusFact]
    public async Task ImportAsync_ImportsWholeCorpus_WhenRunOnRealData()
    {
        using var t = await TestIndex.CreateAsync();
        var importer = new Importer(t.Store, t.Index);

        var papers = await importer.ImportAsync([SharedData.Corpus]);
        var summaries = await importer.ImportAsync([SharedData.AiEnhanced]);
        var again = await importer.ImportAsync([SharedData.Corpus]);

        output.WriteLine($"papers: {papers.Inserted} in {papers.Elapsed.TotalSeconds:F1}s = {papers.PapersPerSecond:F0}/s, rejected {papers.Rejected}");
        output.WriteLine($"summaries: {summaries.Summaries} in {summaries.Elapsed.TotalSeconds:F1}s (reindexed {summaries.IndexedChanges})");
        output.WriteLine($"re-import: {again.Unchanged} unchanged in {again.Elapsed.TotalSeconds:F1}s = {again.PapersPerSecond:F0}/s");
        var stats = t.Index.Stats();
        output.WriteLine($"index: {stats.NumDocs} docs / {stats.MaxDoc} maxDoc");
        // 118,151 lines; a few ids repeat with a version suffix and merge into one paper.
        Assert.Equal(118_151, papers.Read);
        Assert.True(papers.Inserted > 118_000);
        Assert.Equal(0, again.Inserted + again.Updated);
        Assert.Equal(await t.Store.CountAsync(), stats.NumDocs);
        Assert.Equal(stats.NumDocs, stats.MaxDoc);
    }
}
