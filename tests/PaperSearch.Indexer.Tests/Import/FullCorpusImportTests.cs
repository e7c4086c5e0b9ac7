using PaperSearch.Indexer.Import;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Indexer.Tests.Import;

/// <summary>Measures the end-to-end import of all 118,151 lines (118,024 distinct papers) (+ 33,639 summaries). Opt-in: PAPERSEARCH_FULL=1.</summary>
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
        var stats = t.Index.Searcher.Stats();
        output.WriteLine($"index: {stats.NumDocs} docs / {stats.MaxDoc} maxDoc");
        output.WriteLine($"accounting: read {papers.Read} = inserted {papers.Inserted} + updated {papers.Updated} + unchanged {papers.Unchanged} + merged {papers.Merged} + rejected {papers.Rejected}");
        // 118,151 lines; 127 ids repeat with a version suffix and merge into one paper.
        Assert.Equal(118_151, papers.Read);
        Assert.Equal(118_024, papers.Inserted);
        Assert.Equal(118_151 - 118_024, papers.Updated + papers.Unchanged + papers.Merged);
        Assert.Equal(0, papers.Rejected);
        Assert.True(papers.IsBalanced);
        Assert.True(summaries.IsBalanced);
        Assert.Equal(33_639, summaries.SummaryRecords);
        Assert.True(again.IsBalanced);
        Assert.Equal(0, again.Inserted + again.Updated);
        Assert.Equal(await t.Store.CountAsync(), stats.NumDocs);
        Assert.Equal(stats.NumDocs, stats.MaxDoc);
    }
}
