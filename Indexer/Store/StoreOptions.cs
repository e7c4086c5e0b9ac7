namespace PaperSearch.Indexer.Store;

/// <summary>Bound from the "Store" configuration section.</summary>
public sealed class StoreOptions
{
    /// <summary>Folder holding <c>papersearch.db</c> and <c>index/</c>.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>How long a writer waits for a lock held by another connection before failing.</summary>
    public int BusyTimeoutMs { get; set; } = 10_000;
}

/// <summary>The data directory layout, in one place.</summary>
public static class DataPaths
{
    public static string Database(string dataDir) => Path.Combine(dataDir, "papersearch.db");
    public static string Index(string dataDir) => Path.Combine(dataDir, "index");
    public static string SqliteConnectionString(string dataDir) => $"Data Source={Database(dataDir)};Pooling=True";
}
