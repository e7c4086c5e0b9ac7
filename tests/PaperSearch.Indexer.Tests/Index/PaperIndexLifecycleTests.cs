using PaperSearch.Indexer.Index;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Index;

public sealed class PaperIndexLifecycleTests
{
    [Fact]
    public async Task CatchUpAsync_ReplacesDocumentById_WhenPaperUpdatedTwice()
    {
        using var t = await TestIndex.CreateAsync([Make("2501.00001", "Original wording")]);

        await t.Store.UpsertAsync([Make("2501.00001", "Revised wording", version: 2)]);
        await t.Index.CatchUpAsync();
        await t.Store.UpsertAsync([Make("2501.00001", "Final phrasing", version: 3)]);
        await t.Index.CatchUpAsync();

        Assert.Equal(1, t.Index.Searcher.Stats().NumDocs);
        Assert.Equal(["2501.00001"], t.Ids("phrasing"));
        Assert.Empty(t.Ids("original"));
        Assert.Empty(t.Ids("revised"));
    }

    [Fact]
    public async Task CountPassingFilters_CountsAnUpdatedPaperOnce_NotItsDeletedEarlierDocument()
    {
        using var t = await TestIndex.CreateAsync([Make("2501.00001", "Original wording"), Make("2501.00002", "Other paper")]);
        await t.Store.UpsertAsync([Make("2501.00001", "Revised wording", version: 2)]);
        await t.Index.CatchUpAsync();
        using var snap = t.Index.Searcher.Snapshot();
        var members = new IdMembership(id => id == "2501.00001");

        // The first version's document is deleted but its segment still holds its id: only live documents count.
        Assert.Equal(1, snap.CountPassingFilters(new IndexSearchRequest(null), members));
        Assert.Equal(1, snap.CountPassingFilters(new IndexSearchRequest(null, IncludeWithdrawn: true), members));
        Assert.Equal(1, snap.CountPassingFilters(new IndexSearchRequest(null, Categories.CategoryExpression.Parse("cs")), members));
    }

    [Fact]
    public async Task OpenAsync_CatchesUpFromCommittedSeq_WhenStoreCommittedButIndexDidNot()
    {
        using var t = await TestIndex.CreateAsync([Make("2501.00001", "Alpha paper")]);
        var committed = t.Index.CommittedSeq;

        // "Crash": the store commits a batch, the process dies before the index hears of it.
        await t.Store.UpsertAsync([Make("2501.00002", "Beta paper"), Make("2501.00001", "Alpha paper revised", version: 2)]);
        await t.ReopenAsync();

        Assert.Equal(await t.Store.MaxSeqAsync(), t.Index.CommittedSeq);
        Assert.True(t.Index.CommittedSeq > committed);
        Assert.Equal(2, t.Index.Searcher.Stats().NumDocs);
        Assert.Equal(["2501.00001"], t.Ids("revised"));
    }

    [Fact]
    public async Task OpenAsync_HasNoDuplicates_WhenUncommittedChangesWereFlushedOnClose()
    {
        using var t = await TestIndex.CreateAsync([Make("2501.00001", "Alpha")]);
        await t.Store.UpsertAsync([Make("2501.00002", "Beta")]);
        await t.Index.CatchUpAsync(commit: false); // applied but Seq not committed: the replay must not duplicate

        await t.ReopenAsync();

        var stats = t.Index.Searcher.Stats();
        Assert.Equal(2, stats.NumDocs);
        Assert.Equal(["2501.00002"], t.Ids("beta"));
    }

    [Fact]
    public async Task CatchUpAsync_IndexesPaper_WhenAbstractAndAuthorsEmpty()
    {
        using var t = await TestIndex.CreateAsync([Make("2501.00001", "Lonely title", abs: "", authors: [])]);

        Assert.Equal(["2501.00001"], t.Ids("lonely"));
        Assert.Equal("<mark>Lonely</mark> title", Highlight(t.Index, "lonely", "2501.00001").TitleHtml);
    }

    [Fact]
    public async Task CatchUpAsync_RemovesDocument_WhenPaperMarkedDeleted()
    {
        using var t = await TestIndex.CreateAsync([Make("2501.00001", "Alpha"), Make("2501.00002", "Beta")]);

        await t.Store.MarkDeletedAsync(["2501.00001"]);
        await t.Index.CatchUpAsync();

        Assert.Empty(t.Ids("alpha"));
        Assert.Equal(1, t.Index.Searcher.Stats().NumDocs);
    }

    [Fact]
    public async Task ReindexAsync_SwapsInNewGenerationWithSameContent_WhenSearchesRunConcurrently()
    {
        var papers = Enumerable.Range(1, 300).Select(i => Make($"2501.{i:00000}", $"Paper number {i} about graphs")).ToList();
        using var t = await TestIndex.CreateAsync(papers);
        var before = t.Index.Searcher.Stats();
        using var stop = new CancellationTokenSource();
        var seen = new List<int>();
        var searching = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                lock (seen) seen.Add(t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("graphs"), Count: 1)).Total);
        });
        var progress = new List<ReindexProgress>();

        await t.Index.ReindexAsync(new Progress<ReindexProgress>(p => { lock (progress) progress.Add(p); }));
        stop.Cancel();
        await searching;

        var after = t.Index.Searcher.Stats();
        Assert.NotEqual(before.Directory, after.Directory);
        // Retired, not deleted: a replica in another process may still search it until its next refresh.
        Assert.True(Directory.Exists(before.Directory));
        Assert.Equal(300, after.NumDocs);
        Assert.All(seen, total => Assert.Equal(300, total));
        await t.ReopenAsync();
        Assert.Equal(after.Directory, t.Index.Searcher.Stats().Directory);
        Assert.Equal(300, t.Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse("graphs"))).Total);
    }

    /// <summary>Highlights of one paper for a query, as the search pipeline asks for them (a page chosen after reranking).</summary>
    internal static Highlights Highlight(PaperIndexWriter index, string query, string id)
    {
        using var snapshot = index.Searcher.Snapshot();
        return snapshot.Highlight(PaperQuery.Parse(query), WordMatch.Any, [new IndexHit(id, 0)])[id];
    }
}
