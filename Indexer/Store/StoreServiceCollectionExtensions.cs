using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PaperSearch.Indexer.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite store under <see cref="StoreOptions.DataDir"/> (bound from "Store"; <paramref name="dataDir"/>
    /// overrides it), <see cref="PaperStore"/> as a singleton, and a hosted service that applies migrations on start —
    /// or, with <paramref name="migrate"/> false (web replicas), one that waits until another process has applied them.
    /// </summary>
    public static IServiceCollection AddPaperStore(this IServiceCollection services, string? dataDir = null, bool migrate = true)
    {
        var options = services.AddOptions<StoreOptions>().BindConfiguration("Store");
        if (dataDir is not null) options.Configure(o => o.DataDir = dataDir);
        options.Validate(o => !string.IsNullOrWhiteSpace(o.DataDir), "Store:DataDir must be set.").ValidateOnStart();

        services.AddDbContextFactory<PaperDbContext>((sp, b) =>
        {
            var o = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            SqlitePragmas.Configure(b, o.DataDir, o.BusyTimeoutMs);
        });
        services.AddSingleton<PaperStore>();
        if (migrate) services.AddHostedService<StoreMigrator>();
        else services.AddHostedService<StoreSchemaWait>();
        return services;
    }
}

/// <summary>Applies pending migrations before anything else starts using the store.</summary>
internal sealed class StoreMigrator(PaperStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
