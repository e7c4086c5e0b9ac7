using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Acceptance;

/// <summary>
/// The real app (BM25 only) on one store provider with the real-corpus subset and its summaries imported; a test class
/// shares one per provider (<c>PerStore&lt;RealCorpusApp&gt;</c>), so each provider pays for the import once.
/// </summary>
public sealed class RealCorpusApp : IStoreFixture<RealCorpusApp>
{
    private readonly TempDir _scratch = new("subset");

    // A few hundred searches in a row: a client the rate limiter would (rightly) throttle.
    private RealCorpusApp(StoreKind kind) => App = new(new() { ["RateLimit:Enabled"] = "false" }, kind);

    public PaperSearchApp App { get; }
    public HttpClient Client { get; private set; } = null!;
    internal RealCorpusSubset Subset { get; private set; } = null!;
    public ImportSummary Papers { get; private set; } = null!;
    public ImportSummary Summaries { get; private set; } = null!;
    public PaperStore Store => App.Services.GetRequiredService<PaperStore>();
    public PaperIndexWriter Index => App.Services.GetRequiredService<PaperIndexWriter>();

    public static async Task<RealCorpusApp> CreateAsync(StoreKind kind)
    {
        var app = new RealCorpusApp(kind);
        app.Client = app.App.CreateClient();
        app.Subset = RealCorpusSubset.Write(app._scratch);
        var importer = new Importer(app.Store, app.Index);
        app.Papers = await importer.ImportAsync([app.Subset.CorpusFile]);
        app.Summaries = await importer.ImportAsync([app.Subset.SummaryFile]);
        return app;
    }

    /// <summary>Ids of the first hits of <c>/api/search</c> in BM25 mode.</summary>
    public async Task<IReadOnlyList<string>> SearchIdsAsync(string query, int size = 5)
    {
        var url = $"/api/search?mode=bm25&size={size}&q={Uri.EscapeDataString(query)}";
        var body = await Client.GetFromJsonAsync<JsonElement>(url);
        return body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        App.Dispose();
        _scratch.Dispose();
        return ValueTask.CompletedTask;
    }
}
