namespace PaperSearch;

/// <summary>
/// The data directory's layout, the one place that names what lives in it (<c>--data-dir</c>, <c>PaperSearch:DataDir</c>;
/// default <c>./data</c>). Everything else asks here, so a backup, a restore or a new feature cannot disagree on a path.
/// </summary>
public static class DataPaths
{
    /// <summary>The SQLite store (unused with PostgreSQL).</summary>
    public static string Database(string dataDir) => Path.Combine(dataDir, "papersearch.db");

    /// <summary>The Lucene index root: the <c>CURRENT</c> pointer and its generation folders (always local).</summary>
    public static string Index(string dataDir) => Path.Combine(dataDir, "index");

    /// <summary>
    /// Published f32 vector files, one folder per model (<c>vectors/&lt;model&gt;/</c>): written by the process that writes
    /// (indexer, <c>all</c>, a store-following replica), memory-mapped read-only by every process that ranks.
    /// </summary>
    public static string Vectors(string dataDir) => Path.Combine(dataDir, "vectors");

    /// <summary>Hangfire's SQLite storage (unused with PostgreSQL, where Hangfire has its own schema).</summary>
    public static string JobStorage(string dataDir) => Path.Combine(dataDir, "hangfire.db");

    /// <summary>Settings learned for this data (<c>tune</c> writes Search:Alpha/Tau); overrides appsettings.json.</summary>
    public static string Settings(string dataDir) => Path.Combine(dataDir, "settings.json");

    /// <summary>The embedding model's files, extracted from its NuGet package on first use.</summary>
    public static string Model(string dataDir, string modelId) => Path.Combine(dataDir, "models", modelId);

    /// <summary>Evaluation workspaces: one store and index per judged collection, reused between runs.</summary>
    public static string EvalWorkspace(string dataDir, string name) => Path.Combine(dataDir, "eval", name);
}
