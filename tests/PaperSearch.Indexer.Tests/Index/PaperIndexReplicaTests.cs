using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>
/// A read-only replica (role web) beside the writer (role indexer) on one index root, as two processes share it:
/// a <see cref="PaperIndexWriter"/> and a <see cref="PaperSearcher.OpenPublished"/> replica that only meet through the files.
/// </summary>
public sealed class PaperIndexReplicaTests : IDisposable
{
    private readonly TempDir _dir = new("replica");
    private string Root => _dir.Sub("index");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task OpenReadOnly_SeesIndexerCommit_OnlyAfterRefresh()
    {
        var store = await OpenStoreAsync(_dir);
        using var writer = await PaperIndexWriter.OpenAsync(Root, store);
        using var replica = PaperSearcher.OpenPublished(Root, new IndexOptions { RefreshSeconds = 3600 });
        Assert.Equal(0, replica.Stats().NumDocs);

        await store.UpsertAsync([Make("2501.00001", "Spectral graph sparsifiers"), Make("2501.00002", "Graph neural operators")]);
        await writer.CatchUpAsync();
        Assert.Equal(0, Count(replica, "graph")); // a replica searches a fixed commit until it refreshes

        replica.Refresh();

        Assert.Equal(2, Count(replica, "graph"));
        Assert.Equal(await store.MaxSeqAsync(), replica.Stats().CommittedSeq);
    }

    [Fact]
    public async Task OpenReadOnly_RefreshesOnItsOwnTimer_WhenRefreshSecondsElapse()
    {
        var store = await OpenStoreAsync(_dir);
        using var writer = await PaperIndexWriter.OpenAsync(Root, store);
        using var replica = PaperSearcher.OpenPublished(Root, new IndexOptions { RefreshSeconds = 1 });

        await store.UpsertAsync([Make("2501.00001", "Spectral graph sparsifiers")]);
        await writer.CatchUpAsync();
        // No explicit Refresh: only the replica's own timer can make the commit visible. How soon is not asserted
        // (a loaded CI machine delays timers); that RefreshSeconds governs it shows in the test above (3600 s: stale
        // until refreshed), and the multi-process roles test measures the lag.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Count(replica, "sparsifiers") == 0 && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);

        Assert.Equal(1, Count(replica, "sparsifiers"));
    }

    [Fact]
    public async Task OpenReadOnly_StartsEmptyWithoutWritingAnything_WhenNoIndexerPublishedYet()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync([Make("2501.00001", "Spectral graph sparsifiers")]);
        using var replica = PaperSearcher.OpenPublished(Root);

        Assert.Equal(0, replica.Stats().NumDocs);
        Assert.False(Directory.Exists(Root)); // no CURRENT, no generation, no write.lock

        using var writer = await PaperIndexWriter.OpenAsync(Root, store);
        replica.Refresh();
        Assert.Equal(1, Count(replica, "sparsifiers"));
    }

    [Fact]
    public void AddPaperIndex_RegistersNoWriter_WhenRoleDoesNotWrite()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddPaperIndex(writes: false);

        Assert.Contains(services, d => d.ServiceType == typeof(PaperSearcher));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(PaperIndexWriter) || d.ServiceType == typeof(IndexStartupCheck));
        // A replica's only handle on the index cannot write it: no public method of the searcher is asynchronous work
        // on the writer (catch-up, commit, reindex, merge, check all live on PaperIndexWriter).
        var writes = new[] { "CatchUpAsync", "CommitAsync", "ReindexAsync", "ForceMergeAsync", "CheckAsync" };
        Assert.DoesNotContain(typeof(PaperSearcher).GetMethods(), m => writes.Contains(m.Name));
    }

    [Fact]
    public async Task Replica_KeepsSearchingOldGeneration_ThenSwitches_WhenIndexerReindexes()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync(Enumerable.Range(1, 50).Select(i => Make($"2501.{i:00000}", $"Graph paper {i}")).ToList());
        using var writer = await PaperIndexWriter.OpenAsync(Root, store);
        using var replica = PaperSearcher.OpenPublished(Root, new IndexOptions { RefreshSeconds = 3600 });
        var before = replica.Stats().Directory;

        await writer.ReindexAsync();

        // The writer has moved on, but the generation the replica reads is retired, not deleted.
        Assert.Equal(50, Count(replica, "graph"));
        Assert.Equal(before, replica.Stats().Directory);
        replica.Refresh();
        Assert.Equal(writer.Searcher.Stats().Directory, replica.Stats().Directory);
        Assert.NotEqual(before, replica.Stats().Directory);
        Assert.Equal(50, Count(replica, "graph"));
    }

    [Fact]
    public async Task RetiredGeneration_IsDeletedOnNextOpen_WhenGracePeriodOver()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync([Make("2501.00001", "Graph paper")]);
        string retired;
        using (var writer = await PaperIndexWriter.OpenAsync(Root, store))
        {
            retired = writer.Searcher.Stats().Directory;
            await writer.ReindexAsync();
        }
        using (await PaperIndexWriter.OpenAsync(Root, store))
            Assert.True(Directory.Exists(retired)); // within the default grace (600 s)

        using var reopened = await PaperIndexWriter.OpenAsync(Root, store, new IndexOptions { RetiredGenerationGraceSeconds = 0 });

        Assert.False(Directory.Exists(retired));
        Assert.Equal(1, Count(reopened.Searcher, "graph"));
    }

    private static int Count(PaperSearcher index, string query) => index.Search(new IndexSearchRequest(PaperQuery.Parse(query))).Total;
}
