using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Store;

/// <summary>Builds the context factory for the configured provider; the store above it never asks which one it got.</summary>
internal static class StoreContexts
{
    public static IDbContextFactory<PaperDbContext> Create(StoreOptions options, ILoggerFactory? logs = null)
    {
        if (options.Provider == StoreProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<PaperDbContext>();
            SqlitePragmas.Configure(sqlite, options.DataDir, options.BusyTimeoutMs);
            if (logs is not null) sqlite.UseLoggerFactory(logs);
            return new PooledDbContextFactory<PaperDbContext>(sqlite.Options);
        }
        var postgres = new DbContextOptionsBuilder<PostgresPaperDbContext>();
        ConfigurePostgres(postgres, PostgresConnection.Normalise(options.ConnectionString
            ?? throw new InvalidOperationException("PaperSearch:Store is postgres but ConnectionStrings:PaperSearch is not set.")));
        if (logs is not null) postgres.UseLoggerFactory(logs);
        return new AsBase(new PooledDbContextFactory<PostgresPaperDbContext>(postgres.Options));
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    /// <summary>Hands out the provider's subclass as the base context type the store works with.</summary>
    private sealed class AsBase(IDbContextFactory<PostgresPaperDbContext> inner) : IDbContextFactory<PaperDbContext>
    {
        public PaperDbContext CreateDbContext() => inner.CreateDbContext();
        public async Task<PaperDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
