using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Acceptance;

/// <summary>The real app (BM25 only) with the real-corpus subset and its summaries imported once for the class.</summary>
public sealed class RealCorpusApp : IAsyncLifetime
{
    private readonly TempDir _scratch = new("subset");

    // A few hundred searches in a row: a client the rate limiter would (rightly) throttle.
    public PaperSearchApp App { get; } = new(new() { ["RateLimit:Enabled"] = "false" });
    public HttpClient Client { get; private set; } = null!;
    internal RealCorpusSubset Subset { get; private set; } = null!;
    public ImportSummary Papers { get; private set; } = null!;
    public ImportSummary Summaries { get; private set; } = null!;
    public PaperStore Store => App.Services.GetRequiredService<PaperStore>();
    public PaperIndex Index => App.Services.GetRequiredService<PaperIndex>();

    public async Task InitializeAsync()
    {
        Client = App.CreateClient();
        Subset = RealCorpusSubset.Write(_scratch);
        var importer = new Importer(Store, Index);
        Papers = await importer.ImportAsync([Subset.CorpusFile]);
        Summaries = await importer.ImportAsync([Subset.SummaryFile]);
    }

    /// <summary>Ids of the first hits of <c>/api/search</c> in BM25 mode.</summary>
    public async Task<IReadOnlyList<string>> SearchIdsAsync(string query, int size = 5)
    {
        var url = $"/api/search?mode=bm25&size={size}&q={Uri.EscapeDataString(query)}";
        var body = await Client.GetFromJsonAsync<JsonElement>(url);
        return body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        App.Dispose();
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
