using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PaperSearch.Indexer.Harvest;

public static class HarvestServiceCollectionExtensions
{
    /// <summary>
    /// The OAI client (one connection, spaced requests, resilience pipeline), options from section <c>Harvest</c>,
    /// and <see cref="Harvester"/>.
    /// </summary>
    public static IServiceCollection AddOaiHarvest(this IServiceCollection services)
    {
        services.AddOptions<HarvestOptions>().BindConfiguration(HarvestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OaiRequestGate>();
        services.TryAddTransient<OaiPolitenessHandler>();
        var http = services.AddHttpClient<OaiClient>((sp, http) =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // per-attempt timeouts live in the pipeline
                http.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<HarvestOptions>>().Value.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 1,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        // Handlers run outer to inner in the order added: retry/timeout pipeline, then the politeness gate.
        http.AddResilienceHandler("oai", (builder, context) => OaiResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<HarvestOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        http.AddHttpMessageHandler<OaiPolitenessHandler>();
        services.TryAddTransient<Harvester>();
        return services;
    }
}
