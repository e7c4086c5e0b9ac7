using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Index;

public static class IndexServiceCollectionExtensions
{
    /// <summary>
    /// The index at <c>{data dir}/index</c> with options from <see cref="IndexOptions.Section"/>. A writing role gets
    /// the one <see cref="PaperIndexWriter"/>, its <see cref="PaperSearcher"/>, and <see cref="IndexStartupCheck"/>
    /// (catches the index up with the store on start and repairs it where they disagree; call after
    /// <see cref="StoreServiceCollectionExtensions.AddPaperStore"/> so migrations run first). Any other role gets only
    /// a <see cref="PaperSearcher"/> over the published generation: no writer is ever registered there — unless
    /// <paramref name="followStore"/> (a replica with <c>Index:Source=store</c>): then the process owns a writer of its
    /// own local index, which only <see cref="StoreFollower"/> feeds from the store (it never writes the store).
    /// </summary>
    public static IServiceCollection AddPaperIndex(this IServiceCollection services, bool writes, bool followStore = false)
    {
        services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        static string Root(IServiceProvider sp) => DataPaths.Index(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DataDir);
        static IndexOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<IndexOptions>>().Value;
        static TimeProvider? Clock(IServiceProvider sp) => sp.GetKeyedService<TimeProvider>(PaperSearcher.ClockKey);
        if (!writes && followStore)
        {
            services.AddSingleton(sp => new PaperIndexWriter(Root(sp), sp.GetRequiredService<PaperStore>(), Options(sp),
                sp.GetRequiredService<ILogger<PaperIndexWriter>>(), Clock(sp)));
            services.AddSingleton(sp => sp.GetRequiredService<PaperIndexWriter>().Searcher);
            services.AddSingleton<StoreFollower>();
            services.AddHostedService(sp => sp.GetRequiredService<StoreFollower>());
            return services;
        }
        if (!writes)
        {
            services.AddSingleton(sp => PaperSearcher.OpenPublished(Root(sp), Options(sp), sp.GetRequiredService<ILogger<PaperSearcher>>(), Clock(sp)));
            return services;
        }
        services.AddSingleton(sp => new PaperIndexWriter(Root(sp), sp.GetRequiredService<PaperStore>(), Options(sp),
            sp.GetRequiredService<ILogger<PaperIndexWriter>>(), Clock(sp)));
        services.AddSingleton(sp => sp.GetRequiredService<PaperIndexWriter>().Searcher);
        services.AddSingleton<IndexStartupCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexStartupCheck>());
        return services;
    }
}
