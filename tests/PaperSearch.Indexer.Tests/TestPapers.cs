using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests;

/// <summary>Builders for test data: small papers and a migrated store in a temp dir.</summary>
internal static class TestPapers
{
    public static Paper Make(string id, string title = "A title", string? abs = null, int version = 1,
        string[]? categories = null, DateOnly? listed = null, string[]? authors = null) => new()
    {
        Id = id,
        Version = version,
        Title = title,
        Abstract = abs ?? $"Abstract of {id}.",
        Authors = authors ?? ["Ada Lovelace"],
        Categories = categories ?? ["cs.LG"],
        ListingDate = listed ?? new DateOnly(2025, 3, 18),
    };

    public static async Task<PaperStore> OpenStoreAsync(TempDir dir)
    {
        var store = PaperStore.Open(dir.Path);
        await store.MigrateAsync();
        return store;
    }
}
