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
    /// writer (default), with a hosted service that catches the index up with the store on start and commits at stop;
    /// call after <see cref="StoreServiceCollectionExtensions.AddPaperStore"/> so migrations run first. With
    /// <paramref name="readOnly"/> (web replicas), a <see cref="PaperIndex.OpenReadOnly"/> view that never writes.
    /// </summary>
    public static IServiceCollection AddPaperIndex(this IServiceCollection services, bool readOnly = false)
    {
        services.AddOptions<IndexOptions>().BindConfiguration("Index")
            .Validate(o => o.IsValid, "Index: RefreshIntervalMs and RefreshSeconds must be > 0, RetiredGenerationGraceSeconds >= 0, RamBufferMb >= 1, Bm25K1 >= 0, Bm25B in [0, 1], TitleBoost >= 0.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var root = DataPaths.Index(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DataDir);
            var (store, options) = (sp.GetRequiredService<PaperStore>(), sp.GetRequiredService<IOptions<IndexOptions>>().Value);
            return readOnly
                ? PaperIndex.OpenReadOnly(root, store, options, sp.GetRequiredService<ILogger<PaperIndex>>())
                : new PaperIndex(root, store, options);
        });
        if (!readOnly) services.AddHostedService<IndexCatchUp>();
        return services;
    }
}

/// <summary>Replays store changes the index missed (e.g. a crash between store commit and index commit).</summary>
internal sealed class IndexCatchUp(PaperIndex index) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => index.CatchUpAsync(ct: cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => index.CommitAsync(cancellationToken);
}
