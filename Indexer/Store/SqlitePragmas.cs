using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// Per-connection SQLite settings. journal_mode=WAL is persistent in the file and set once at migration;
/// synchronous and busy_timeout are per connection, so they are set each time a connection opens.
/// </summary>
internal sealed class SqlitePragmas(int busyTimeoutMs) : DbConnectionInterceptor
{
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits,
    // which a re-import or re-harvest repairs.
    private string Sql => $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA cache_size=-32000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Configure(DbContextOptionsBuilder builder, string dataDir, int busyTimeoutMs = 10_000)
    {
        Directory.CreateDirectory(dataDir);
        builder.UseSqlite($"Data Source={DataPaths.Database(dataDir)};Pooling=True")
               .AddInterceptors(new SqlitePragmas(busyTimeoutMs))
               .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
    }
}
