using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Exports;

/// <summary>
/// The real app over real papers from two announcement days of the shared corpus (its first 300 lines, from
/// 2025-03-18, and 200 lines from much later), imported through the app's own Importer; shared by a test class.
/// </summary>
public sealed class ExportApp : IAsyncLifetime
{
    public const string FirstDay = "2025-03-18";
    public const string FirstId = "2503.11731"; // the corpus's first line

    private readonly TempDir _scratch = new("exports");

    public PaperSearchApp App { get; } = new(new() { ["RateLimit:Enabled"] = "false" });

    public HttpClient Client { get; private set; } = default!;

    /// <summary>Every stored paper by id.</summary>
    public IReadOnlyDictionary<string, Paper> Papers { get; private set; } = new Dictionary<string, Paper>();

    public async Task InitializeAsync()
    {
        await HardeningCorpus.ImportAsync(App.Services, HardeningCorpus.Write(_scratch, 300));
        await HardeningCorpus.ImportAsync(App.Services, HardeningCorpus.Write(_scratch, 200, skip: 60_000, name: "later.jsonl"));
        var papers = new Dictionary<string, Paper>(StringComparer.Ordinal);
        await foreach (var change in App.Services.GetRequiredService<PaperStore>().StreamChangedSinceAsync(0))
            papers[change.Paper.Id] = change.Paper;
        Papers = papers;
        Client = App.CreateClient();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        App.Dispose();
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
