using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

public static class IndexServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PaperIndex"/> (singleton) at <c>{Store:DataDir}/index</c> with options from "Index". As the
    /// writer (default), with <see cref="IndexStartupCheck"/>, which catches the index up with the store on start and
    /// repairs it where it disagrees with the store; call after <see cref="StoreServiceCollectionExtensions.AddPaperStore"/>
    /// so migrations run first. With <paramref name="readOnly"/> (web replicas), a <see cref="PaperIndex.OpenReadOnly"/>
    /// view that never writes.
    /// </summary>
    public static IServiceCollection AddPaperIndex(this IServiceCollection services, bool readOnly = false)
    {
        services.AddOptions<IndexOptions>().BindConfiguration("Index")
            .Validate(o => o.IsValid, "Index: RefreshIntervalMs and RefreshSeconds must be > 0, RetiredGenerationGraceSeconds >= 0, StartupCatchUpLimit >= 0, RamBufferMb >= 1, Bm25K1 >= 0, Bm25B in [0, 1], TitleBoost >= 0.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var root = DataPaths.Index(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DataDir);
            var (store, options) = (sp.GetRequiredService<PaperStore>(), sp.GetRequiredService<IOptions<IndexOptions>>().Value);
            var clock = sp.GetKeyedService<TimeProvider>(PaperIndex.ClockKey);
            return readOnly
                ? PaperIndex.OpenReadOnly(root, store, options, sp.GetRequiredService<ILogger<PaperIndex>>(), clock)
                : new PaperIndex(root, store, options, clock);
        });
        if (readOnly) return services;
        services.AddSingleton<IndexStartupCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexStartupCheck>());
        return services;
    }
}

