using Microsoft.EntityFrameworkCore;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Store;

public sealed class PaperStoreSavedLibraryTests
{
    [Theory, SqliteStore, PostgresStore]
    public async Task SavedLibrary_IsFoundByTokenHash_Replaced_AndEmptiedWhenRevoked(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var store = test.Store;
        var hash = SavedLibrary.HashToken("token-one");

        var created = await store.CreateSavedLibraryAsync(hash, ["2503.00001", "2503.00002"], ["2503.00003"], "cs.CV", "Vision");
        var read = await store.GetSavedLibraryAsync(hash);
        var updated = await store.UpdateSavedLibraryAsync(hash, ["2503.00009"], [], null, null);
        var afterUpdate = await store.GetSavedLibraryAsync(hash);
        var revoked = await store.RevokeSavedLibraryAsync(hash);

        Assert.Equal(["2503.00001", "2503.00002"], read!.Positives);
        Assert.Equal(["2503.00003"], read.Negatives);
        Assert.Equal(("cs.CV", "Vision"), (read.Categories, read.Name));
        Assert.True(updated);
        Assert.Equal(["2503.00009"], afterUpdate!.Positives);
        Assert.Null(afterUpdate.Name);
        Assert.True(afterUpdate.UpdatedAt >= created.UpdatedAt);
        Assert.True(revoked);
        Assert.Null(await store.GetSavedLibraryAsync(hash));
        Assert.False(await store.UpdateSavedLibraryAsync(hash, ["2503.00001"], [], null, null));
        Assert.False(await store.RevokeSavedLibraryAsync(hash));
        Assert.Null(await store.GetSavedLibraryAsync(SavedLibrary.HashToken("token-two")));

        // What stays of a revoked library: its hash and dates, no ids, no name, and never the token.
        await using var db = await store.Contexts.CreateDbContextAsync();
        var row = await db.SavedLibraries.SingleAsync();
        Assert.Equal(hash, row.TokenHash);
        Assert.Equal(64, row.TokenHash.Length);
        Assert.Equal(("[]", "[]", null, null), (row.Positives, row.Negatives, row.Categories, row.Name));
        Assert.NotNull(row.RevokedAt);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task SavedLibrary_RefusesASecondLibraryUnderTheSameHash(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var hash = SavedLibrary.HashToken("same");
        await test.Store.CreateSavedLibraryAsync(hash, ["2503.00001"], [], null, null);

        await Assert.ThrowsAsync<DbUpdateException>(() => test.Store.CreateSavedLibraryAsync(hash, ["2503.00002"], [], null, null));
    }
}
