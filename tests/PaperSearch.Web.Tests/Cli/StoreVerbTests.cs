using Npgsql;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using PaperSearch.Web.Cli;

namespace PaperSearch.Web.Tests.Cli;

public sealed class StoreVerbTests
{
    [Theory, SqliteStore, PostgresStore]
    public async Task Migrate_CreatesSchemaAndExitsOk_WhenRunTwice(StoreKind kind)
    {
        using var dir = new TempDir("migrate");
        await using var postgres = kind == StoreKind.Postgres ? await TestPostgres.CreateAsync("migrate") : null;
        string[] store = postgres is null ? [] : ["--PaperSearch:Store=postgres", "--ConnectionStrings:PaperSearch=" + postgres.ConnectionString];

        var first = await Cli(["--data-dir", dir.Path, .. store, "migrate"]);
        var second = await Cli(["--data-dir", dir.Path, .. store, "migrate"]);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (first, second));
        var opened = PaperStore.Open(new StoreOptions
        {
            DataDir = dir.Path,
            Provider = postgres is null ? StoreProvider.Sqlite : StoreProvider.Postgres,
            ConnectionString = postgres?.ConnectionString,
        });
        Assert.Empty(await opened.MigrateAsync()); // nothing left to apply
        Assert.Equal(0, await opened.CountAsync());
        Assert.Equal(postgres is null, File.Exists(Path.Combine(dir.Path, "papersearch.db")));
    }

    [PostgresFact]
    public async Task CopyStore_CopiesSqliteStoreIntoPostgres_WhenGivenAUrlAndRerun()
    {
        using var dir = new TempDir("copy-cli");
        await using var postgres = await TestPostgres.CreateAsync("copycli");
        var source = PaperStore.Open(dir.Path);
        await source.MigrateAsync();
        await source.UpsertAsync([.. Enumerable.Range(1, 30).Select(i => new Paper { Id = $"2503.{i:00000}", Title = $"Paper {i}", Abstract = "A." })]);
        await source.CreateSavedLibraryAsync(SavedLibrary.HashToken("reader"), ["2503.00003", "2503.00017"], [], "cs", "Mine");
        var b = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        var url = $"postgres://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{b.Database}";

        var first = await Cli("--data-dir", dir.Path, "copy-store", "--to", url);
        var again = await Cli("--data-dir", dir.Path, "copy-store", "--to", url);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (first, again));
        var target = PaperStore.Open(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = postgres.ConnectionString });
        Assert.Equal(30, await target.CountAsync());
        Assert.Equal("Paper 17", (await target.GetAsync("2503.00017"))!.Title);
        var library = await target.GetSavedLibraryAsync(SavedLibrary.HashToken("reader"));
        Assert.Equal(["2503.00003", "2503.00017"], library!.Positives);
        Assert.Equal(("cs", "Mine"), (library.Categories, library.Name));
    }

    [Theory]
    [InlineData("--to", "postgres://user:pw@/db")]               // no host
    [InlineData("--to", "Hots=127.0.0.1;Database=x")]           // not an Npgsql keyword
    [InlineData("--to", "postgres://user:pw@127.0.0.1:1/db")]   // nothing listens on port 1
    [InlineData("--force")]                                      // no target at all
    public async Task CopyStore_ExitsWithUsageError_WhenTargetIsMissingMalformedOrUnreachable(params string[] args)
    {
        using var dir = new TempDir("copy-bad");

        Assert.Equal(ExitCodes.Usage, await Cli(["--data-dir", dir.Path, "copy-store", .. args]));
    }

    [Fact]
    public async Task Stats_ExitsWithUsageErrorNamingTheKey_WhenPostgresHasNoConnectionString()
    {
        using var dir = new TempDir("store-config");
        var error = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ExitCodes.Usage, await Cli(["--data-dir", dir.Path, "--PaperSearch:Store=postgres", "stats"]));
        }
        finally { Console.SetError(stderr); }

        Assert.Contains("error: ", error.ToString());
        Assert.Contains("ConnectionStrings:PaperSearch", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString()); // one line a person can act on, no stack trace
    }

    private static Task<int> Cli(params string[] args) => InProcessCli.RunAsync(args);
}
