using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests;

/// <summary>
/// The real app over its own temporary data dir (and, for <see cref="StoreKind.Postgres"/>, its own database, which
/// holds the store and Hangfire's schema). Tests that need papers import them first. A test that restarts the app
/// over the same data passes <c>dataDir</c> (the test owns that folder).
/// </summary>
public sealed class PaperSearchApp : WebApplicationFactory<Program>
{
    private readonly TempDir? _dir;
    private readonly TestPostgres? _postgres;
    private readonly Dictionary<string, string?> _settings;

    public PaperSearchApp(Dictionary<string, string?>? settings = null, StoreKind store = StoreKind.Sqlite, string? dataDir = null)
    {
        if (dataDir is null) _dir = new("web");
        DataDir = dataDir ?? _dir!.Path;
        _settings = new(settings ?? [])
        {
            ["PaperSearch:DataDir"] = DataDir,
        };
        if (store == StoreKind.Postgres)
        {
            _postgres = TestPostgres.Create("web");
            _settings["PaperSearch:Store"] = "postgres";
            _settings["ConnectionStrings:PaperSearch"] = _postgres.ConnectionString;
        }
        // Tests must not depend on an embedding model unless they ask for one.
        _settings.TryAdd("Embedding:Model", "none");
        // Nor ever harvest from arXiv.
        foreach (var (key, value) in OfflineHarvest.Settings) _settings.TryAdd(key, value);
    }

    public string DataDir { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _postgres?.Dispose();
        _dir?.Dispose();
    }
}
