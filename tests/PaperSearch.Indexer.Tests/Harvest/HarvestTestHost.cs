using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>The production registration (<c>AddOaiHarvest</c>) on a real store, pointed at a local server, with test-speed timings.</summary>
internal static class HarvestTestHost
{
    public static ServiceProvider Build(PaperStore store, PaperIndexWriter index, Uri endpoint, Action<HarvestOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddOaiHarvest();
        services.Configure<HarvestOptions>(o =>
        {
            o.Endpoint = endpoint;
            o.Sets = ["physics"];
            o.MinRequestSpacing = TimeSpan.Zero;
            o.RequestTimeout = TimeSpan.FromSeconds(15); // a cold first request (JIT on 2 busy cores) can take seconds
            o.MaxRetries = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetryAfter = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        services.AddSingleton(store);
        services.AddSingleton(index); // owned by the test, which disposes it
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static async Task<PaperStore> OpenStoreAsync(string dir)
    {
        var store = PaperStore.Open(dir);
        await store.MigrateAsync();
        return store;
    }

    /// <summary>Ids the index returns for "everything", withdrawn papers included or not.</summary>
    public static HashSet<string> IndexedIds(this PaperIndexWriter index, bool includeWithdrawn = true) =>
        [.. index.Searcher.Search(new IndexSearchRequest(null, IncludeWithdrawn: includeWithdrawn, Count: 5000)).Hits.Select(h => h.Id)];

    /// <summary>Ids of the live papers in the store.</summary>
    public static async Task<HashSet<string>> IdsAsync(this PaperStore store) =>
        await store.StreamChangedSinceAsync(0).Where(c => !c.Deleted).Select(c => c.Paper.Id).ToHashSetAsync();
}
