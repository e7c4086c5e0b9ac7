using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

public static class IndexServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PaperIndex"/> (singleton, the only writer) at <c>{Store:DataDir}/index</c> with options
    /// from "Index", and <see cref="IndexStartupCheck"/>, which catches the index up with the store on start and
    /// repairs it where it disagrees with the store. Call after
    /// <see cref="StoreServiceCollectionExtensions.AddPaperStore"/> so migrations run first.
    /// </summary>
    public static IServiceCollection AddPaperIndex(this IServiceCollection services)
    {
        services.AddOptions<IndexOptions>().BindConfiguration("Index")
            .Validate(o => o.IsValid, "Index: RefreshIntervalMs must be > 0, RamBufferMb >= 1, Bm25K1 >= 0, Bm25B in [0, 1], TitleBoost >= 0.")
            .ValidateOnStart();
        services.AddSingleton(sp => new PaperIndex(
            DataPaths.Index(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DataDir),
            sp.GetRequiredService<PaperStore>(),
            sp.GetRequiredService<IOptions<IndexOptions>>().Value,
            sp.GetKeyedService<TimeProvider>(PaperIndex.ClockKey)));
        services.AddSingleton<IndexStartupCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexStartupCheck>());
        return services;
    }
}

