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

/// <summary>A migrated store of either provider in its own temp dir (and, for PostgreSQL, its own database), removed on dispose.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TestPostgres? _postgres;

    private TestStore(TempDir dir, TestPostgres? postgres, StoreOptions options)
    {
        Dir = dir;
        _postgres = postgres;
        Options = options;
        Store = PaperStore.Open(options);
    }

    public TempDir Dir { get; }
    public StoreOptions Options { get; }
    public PaperStore Store { get; }

    public static async Task<TestStore> OpenAsync(StoreKind kind, string prefix = "store")
    {
        var dir = new TempDir(prefix);
        var postgres = kind == StoreKind.Postgres ? await TestPostgres.CreateAsync(prefix) : null;
        var options = new StoreOptions
        {
            DataDir = dir.Sub("store"),
            Provider = kind == StoreKind.Postgres ? StoreProvider.Postgres : StoreProvider.Sqlite,
            ConnectionString = postgres?.ConnectionString,
        };
        var store = new TestStore(dir, postgres, options);
        await store.Store.MigrateAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        Dir.Dispose();
    }
}
