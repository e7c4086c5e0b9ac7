using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperSearch.Indexer.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>The connection string a store-following replica reads from when set: <c>ConnectionStrings:PaperSearchRead</c>.</summary>
    public const string ReadConnectionName = "PaperSearchRead";

    /// <summary>
    /// Registers the store (bound from "Store"; <paramref name="dataDir"/> overrides <see cref="StoreOptions.DataDir"/>;
    /// <c>PaperSearch:Store</c> = sqlite | postgres picks the provider, <c>ConnectionStrings:PaperSearch</c> the server),
    /// <see cref="PaperStore"/> as a singleton, and a hosted service that applies migrations on start — or, with
    /// <paramref name="migrate"/> false (web replicas), one that waits until another process has applied them.
    /// With <paramref name="readOnly"/> (a replica that follows the store, <c>Index:Source=store</c>) every read goes
    /// to <c>ConnectionStrings:PaperSearchRead</c> (a PostgreSQL read replica) when it is set, so the primary sees none
    /// of that process's load; such a process never writes the store.
    /// </summary>
    public static IServiceCollection AddPaperStore(this IServiceCollection services, string? dataDir = null, bool migrate = true,
        bool readOnly = false)
    {
        var options = services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section);
        if (dataDir is not null) options.Configure(o => o.DataDir = dataDir);
        options.Configure<IConfiguration>((o, config) =>
        {
            o.Provider = StoreOptions.ParseProvider(config["PaperSearch:Store"]);
            o.ConnectionString = config.GetConnectionString("PaperSearch") ?? o.ConnectionString;
            if (readOnly && !string.IsNullOrWhiteSpace(config.GetConnectionString(ReadConnectionName)))
                o.ConnectionString = config.GetConnectionString(ReadConnectionName);
        });
        options.ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IDbContextFactory<PaperDbContext>>(sp =>
            StoreContexts.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value, sp.GetService<ILoggerFactory>()));
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
