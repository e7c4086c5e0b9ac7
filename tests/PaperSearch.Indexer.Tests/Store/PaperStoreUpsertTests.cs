using PaperSearch.Papers;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Store;

public sealed class PaperStoreUpsertTests
{
    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_InsertsThenReportsUnchanged_WhenSameBatchImportedTwice(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        Paper[] batch = [Make("2503.00001"), Make("2503.00002")];

        var first = await store.UpsertAsync(batch);
        var seqAfterFirst = await store.MaxSeqAsync();
        var second = await store.UpsertAsync(batch);

        Assert.Equal((2, 0, 0), (first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal(["2503.00001", "2503.00002"], first.ChangedIds);
        Assert.Equal((0, 0, 2), (second.Inserted, second.Updated, second.Unchanged));
        Assert.Empty(second.ChangedIds);
        Assert.Equal(seqAfterFirst, await store.MaxSeqAsync());
        Assert.Equal(2, await store.CountAsync());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_KeepsHigherVersion_WhenOlderVersionArrivesLater(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        await store.UpsertAsync([Make("2503.00001", "Title v2", version: 2)]);

        var result = await store.UpsertAsync([Make("2503.00001", "Title v1", version: 1)]);

        Assert.Equal(1, result.Unchanged);
        var stored = await store.GetAsync("2503.00001");
        Assert.Equal("Title v2", stored!.Title);
        Assert.Equal(2, stored.Version);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_TakesLaterUpdated_WhenVersionsEqual(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        var t0 = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await store.UpsertAsync([Make("2503.00001", "Old") with { Updated = t0.AddDays(1) }]);

        await store.UpsertAsync([Make("2503.00001", "Stale") with { Updated = t0 }]);
        var afterStale = await store.GetAsync("2503.00001");
        var newer = await store.UpsertAsync([Make("2503.00001", "New") with { Updated = t0.AddDays(2) }]);

        Assert.Equal("Old", afterStale!.Title);
        Assert.Equal(1, newer.Updated);
        Assert.Equal("New", (await store.GetAsync("2503.00001"))!.Title);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_PreservesKnownFields_WhenNewerRecordLacksThem(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        var versions = new[] { new PaperVersion(1, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)) };
        await store.UpsertAsync([Make("2503.00001", listed: new DateOnly(2025, 3, 18)) with
        {
            Doi = "10.1/x", JournalRef = "J. Test 1", Versions = versions,
        }]);

        var result = await store.UpsertAsync([Make("2503.00001", "Retitled", version: 2, listed: new DateOnly(2025, 4, 2))]);

        var p = (await store.GetAsync("2503.00001"))!;
        Assert.Equal(1, result.Updated);
        Assert.Equal("Retitled", p.Title);
        Assert.Equal("10.1/x", p.Doi);
        Assert.Equal("J. Test 1", p.JournalRef);
        Assert.Equal(new DateOnly(2025, 3, 18), p.ListingDate);
        Assert.Single(p.Versions);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_BumpsSeqOnlyForChangedRows_WhenBatchMixesNewChangedAndSame(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        await store.UpsertAsync([Make("2503.00001"), Make("2503.00002")]);
        var before = await store.MaxSeqAsync();

        var result = await store.UpsertAsync([Make("2503.00001"), Make("2503.00002", "Changed"), Make("2503.00003")]);
        var changes = await store.StreamChangedSinceAsync(before).ToListAsync();

        Assert.Equal((1, 1, 1), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal(["2503.00002", "2503.00003"], changes.Select(c => c.Paper.Id));
        Assert.Equal([before + 1, before + 2], changes.Select(c => c.Seq));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task GetManyAsync_PreservesRequestedOrder_WhenIdsUnordered(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        await store.UpsertAsync([Make("2503.00001"), Make("2503.00002"), Make("2503.00003")]);

        var got = await store.GetManyAsync(["2503.00003", "9999.99999", "2503.00001", "2503.00002"]);

        Assert.Equal(["2503.00003", "2503.00001", "2503.00002"], got.Select(p => p.Id));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task MarkDeletedAsync_HidesPaperAndEmitsTombstone_WhenPaperExists(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        await store.UpsertAsync([Make("2503.00001"), Make("2503.00002")]);
        var before = await store.MaxSeqAsync();

        var n = await store.MarkDeletedAsync(["2503.00001"]);

        Assert.Equal(1, n);
        Assert.Null(await store.GetAsync("2503.00001"));
        Assert.Equal(1, await store.CountAsync());
        var change = Assert.Single(await store.StreamChangedSinceAsync(before).ToListAsync());
        Assert.True(change.Deleted);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task StreamChangedSinceAsync_ReturnsAllInSeqOrder_WhenMoreThanOnePage(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        var papers = Enumerable.Range(1, 2500).Select(i => Make($"2503.{i:00000}")).ToList();
        await store.UpsertAsync(papers);

        var seqs = await store.StreamChangedSinceAsync(0).Select(c => c.Seq).ToListAsync();

        Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), seqs);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task CountByListingDateAsync_GroupsByDay_WhenRangeGiven(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        var d1 = new DateOnly(2025, 3, 18);
        var d2 = new DateOnly(2025, 3, 19);
        await store.UpsertAsync([Make("2503.00001", listed: d1), Make("2503.00002", listed: d2), Make("2503.00003", listed: d2),
            Make("2503.00004", listed: new DateOnly(2025, 4, 1))]);

        var counts = await store.CountByListingDateAsync(d1, d2);

        Assert.Equal([new(d1, 1), new(d2, 2)], counts);
        Assert.Equal(new DateOnly(2025, 4, 1), await store.LatestListingDateAsync());
    }
}
