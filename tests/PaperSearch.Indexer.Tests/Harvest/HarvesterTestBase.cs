using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>
/// What every harvester test starts from: the local OAI-PMH server (physics in 4 pages of 40), a SQLite store and an
/// index, and helpers to run a harvest and read its checkpoint and runs.
/// </summary>
public abstract class HarvesterTestBase : IAsyncLifetime
{
    protected readonly TempDir _dir = new("harvest");
    protected FakeOaiServer _server = null!;
    protected PaperStore _store = null!;
    protected PaperIndexWriter _index = null!;
    private TestStore? _postgres;

    public async Task InitializeAsync()
    {
        _server = await FakeOaiServer.StartAsync();
        _server.PageSize = 40; // physics: 150 records -> 4 pages
        _store = await HarvestTestHost.OpenStoreAsync(_dir.Sub("store"));
        _index = await PaperIndexWriter.OpenAsync(_dir.Sub("index"), _store);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _index.Dispose();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>
    /// Tests where the store's behaviour matters (pages and checkpoints committing together, resume, runs, Seq) run on
    /// both providers: for PostgreSQL this swaps in a store and index of its own. Pure HTTP behaviour (spacing,
    /// retries, timeouts) does not depend on the store and runs on SQLite only.
    /// </summary>
    protected async Task UseStoreAsync(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite) return;
        _index.Dispose();
        _postgres = await TestStore.OpenAsync(kind, "harvest");
        _store = _postgres.Store;
        _index = await PaperIndexWriter.OpenAsync(_dir.Sub("index-pg"), _store);
    }

    protected string Key(string set = "physics") => Harvester.CheckpointKey(_server.Endpoint, "arXiv", set);

    protected async Task<HarvestCheckpoint> CheckpointAsync(string set = "physics") => (await _store.GetCheckpointAsync(Key(set)))!;

    protected async Task<IReadOnlyList<HarvestRun>> RunsAsync() => await _store.GetRecentRunsAsync(100);

    protected static HashSet<string> Expected(string set) => [.. FakeOaiServer.Matching("arXiv", set).Select(r => r.Id)];

    protected async Task<HarvestResult> HarvestAsync(Action<HarvestOptions>? configure = null, HarvestRequest? request = null)
    {
        await using var sp = HarvestTestHost.Build(_store, _index, _server.Endpoint, configure);
        return await sp.GetRequiredService<Harvester>().RunAsync(request ?? new HarvestRequest(), null, CancellationToken.None);
    }
}
