using Lucene.Net.Index;
using Lucene.Net.Store;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Indexer.Tests.Harvest;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>The startup comparison of index and store, and its repairs, after damage done behind the index's back.</summary>
public sealed class IndexCheckTests
{
    private const int Papers = 400;

    private static List<PaperSearch.Papers.Paper> Sample(int n = Papers, int from = 1) =>
        Enumerable.Range(from, n).Select(i => Make($"2502.{i:00000}", $"Sparse attention study {i}")).ToList();

    [Fact]
    public async Task CheckAsync_ReindexesMissingAndDropsStrayDocs_WhenIndexEditedBehindItsBack()
    {
        using var t = await TestIndex.CreateAsync(Sample());
        t.Index.Dispose();
        var seq = await t.Store.MaxSeqAsync();
        EditCurrentGeneration(t.IndexRoot, w =>
        {
            foreach (var i in new[] { 3, 50, 51, 399 }) w.DeleteDocuments(new Term(IndexFields.Id, $"2502.{i:00000}"));
            w.AddDocument(IndexFields.Build(new PaperChange(seq, Make("2502.00007", "Sparse attention study 7"), null, false))); // a duplicate
            w.AddDocument(IndexFields.Build(new PaperChange(seq, Make("2509.99999", "Never stored"), null, false)));        // an orphan
        });

        await t.ReopenAsync(); // the catch-up finds nothing: the recorded Seq is the store's
        var found = await t.Index.CheckAsync(repair: false);
        var repaired = await t.Index.CheckAsync();

        Assert.False(found.Consistent);
        Assert.Equal((Papers - 4 + 2, Papers), (found.IndexDocs, found.StoreLive));
        Assert.Equal(IndexRepair.Patched, repaired.Repair);
        Assert.Equal((5, 2), (repaired.Added, repaired.Removed)); // 4 missing + the duplicate rewritten once; duplicate copy + orphan
        Assert.True(repaired.Consistent);
        Assert.Equal(await t.Store.IdsAsync(), t.Index.IndexedIds());
        Assert.Single(t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("2502.00050"))).Hits);
        Assert.Equal(IndexRepair.None, (await t.Index.CheckAsync()).Repair);
    }

    [Fact]
    public async Task Open_StartsFreshGenerationAndCheckRebuilds_WhenSegmentFilesTruncated()
    {
        using var t = await TestIndex.CreateAsync(Sample());
        var generation = t.Index.Searcher.Stats().Directory;
        t.Index.Dispose();
        foreach (var file in System.IO.Directory.GetFiles(generation).Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal)))
            File.WriteAllBytes(file, []);

        await t.ReopenAsync(); // would throw without the fresh-generation fallback
        var result = await t.Index.CheckAsync();

        Assert.NotNull(result.OpenProblem);
        Assert.True(result.Consistent);
        Assert.Equal(Papers, t.Index.Searcher.Stats().NumDocs);
        Assert.False(System.IO.Directory.Exists(generation));
        Assert.Equal(Papers, t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("sparse attention"))).Total);
    }

    [Fact]
    public async Task Open_RebuildsFromStore_WhenIndexFolderRemoved()
    {
        using var t = await TestIndex.CreateAsync(Sample());
        t.Index.Dispose();
        System.IO.Directory.Delete(t.IndexRoot, recursive: true);

        await t.ReopenAsync();
        var result = await t.Index.CheckAsync();

        Assert.Equal(IndexRepair.None, result.Repair); // the catch-up from Seq 0 was all it took
        Assert.True(result.Consistent);
        Assert.Equal(await t.Store.MaxSeqAsync(), t.Index.CommittedSeq);
    }

    [Fact]
    public async Task CheckAsync_RebuildsAndFollowsStoreSeq_WhenIndexIsAheadOfItsStore()
    {
        // An index built from a bigger store, then a store restored from an older, smaller copy.
        using var t = await TestIndex.CreateAsync(Sample());
        await t.Store.UpsertAsync(Sample(100, from: 1).Select(p => p with { Title = p.Title + " revised" }).ToList());
        await t.Index.CatchUpAsync();
        t.Index.Dispose();
        using var olderDir = new TempDir("older-store");
        var older = await OpenStoreAsync(olderDir);
        await older.UpsertAsync(Sample(300));

        using var index = new PaperIndexWriter(t.IndexRoot, older);
        var result = await index.CheckAsync();
        await older.UpsertAsync([Make("2502.09999", "Written after the restore")]);
        await index.CatchUpAsync();

        Assert.Equal(IndexRepair.Rebuilt, result.Repair);
        Assert.True(result.IndexSeq > result.StoreSeq);
        Assert.Equal(300 + 1, index.Searcher.Stats().NumDocs);
        Assert.Equal(await older.MaxSeqAsync(), index.CommittedSeq); // later changes are not skipped
        Assert.Single(index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("2502.09999"))).Hits);
        Assert.Empty(index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("revised"))).Hits);
    }

    /// <summary>Opens the generation CURRENT names with a plain Lucene writer, applies <paramref name="edit"/>, and commits
    /// keeping the commit's recorded Seq: damage the index cannot tell from its own bookkeeping.</summary>
    private static void EditCurrentGeneration(string root, Action<IndexWriter> edit)
    {
        var path = Path.Combine(root, File.ReadAllText(Path.Combine(root, "CURRENT")).Trim());
        using var dir = FSDirectory.Open(path);
        using var writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Analyzer));
        var data = new Dictionary<string, string>(writer.CommitData);
        edit(writer);
        writer.SetCommitData(data);
        writer.Commit();
    }
}
