using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Harvest;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>The production registration (<c>AddOaiHarvest</c>) pointed at a local server, with test-speed timings.</summary>
internal static class HarvestTestHost
{
    public static ServiceProvider Build(IHarvestSink sink, Uri endpoint, Action<HarvestOptions>? configure = null)
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
            o.RequestTimeout = TimeSpan.FromSeconds(2);
            o.MaxRetries = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetryAfter = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        services.AddSingleton(sink);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static Task<HarvestResult> HarvestAsync(this ServiceProvider sp, HarvestRequest? request = null) =>
        sp.GetRequiredService<Harvester>().RunAsync(request ?? new HarvestRequest(), null, CancellationToken.None);
}
