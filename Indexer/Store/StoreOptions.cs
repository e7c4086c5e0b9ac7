namespace PaperSearch.Indexer.Store;

/// <summary>Which database holds the store (configuration key <c>PaperSearch:Store</c>).</summary>
public enum StoreProvider
{
    /// <summary>The embedded default: <c>{DataDir}/papersearch.db</c>.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server named by <c>ConnectionStrings:PaperSearch</c>.</summary>
    Postgres,
}

/// <summary>Bound from the "Store" configuration section; <c>PaperSearch:Store</c> and <c>ConnectionStrings:PaperSearch</c> fill the provider.</summary>
public sealed class StoreOptions
{
    /// <summary>Folder holding <c>papersearch.db</c> (SQLite) and <c>index/</c> (always).</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>How long a SQLite writer waits for a lock held by another connection before failing.</summary>
    public int BusyTimeoutMs { get; set; } = 10_000;

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>For <see cref="StoreProvider.Postgres"/>: an Npgsql keyword string or a postgres:// URL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>For messages: the SQLite file or <c>host:port/db</c> (never a password).</summary>
    public string Describe() => Provider == StoreProvider.Sqlite
        ? "SQLite " + DataPaths.Database(Path.GetFullPath(DataDir))
        : "PostgreSQL " + PostgresConnection.Describe(ConnectionString ?? "");

    /// <summary>Parses the <c>PaperSearch:Store</c> value (<c>sqlite</c>, <c>postgres</c>; null or empty = sqlite).</summary>
    public static StoreProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StoreProvider.Sqlite,
        "postgres" or "postgresql" => StoreProvider.Postgres,
        _ => throw new FormatException($"PaperSearch:Store must be 'sqlite' or 'postgres'; got '{value}'."),
    };
}

/// <summary>The data directory layout, in one place.</summary>
public static class DataPaths
{
    public static string Database(string dataDir) => Path.Combine(dataDir, "papersearch.db");
    public static string Index(string dataDir) => Path.Combine(dataDir, "index");
    public static string SqliteConnectionString(string dataDir) => $"Data Source={Database(dataDir)};Pooling=True";
}
