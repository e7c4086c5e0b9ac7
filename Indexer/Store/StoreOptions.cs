using System.ComponentModel.DataAnnotations;

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
public sealed class StoreOptions : IValidatableObject
{
    public const string Section = "Store";

    /// <summary>Folder holding <c>papersearch.db</c> (SQLite) and <c>index/</c> (always).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Store:DataDir must be set.")]
    public string DataDir { get; set; } = "data";

    /// <summary>How long a SQLite writer waits for a lock held by another connection before failing.</summary>
    [Range(0, 600_000, ErrorMessage = "Store:BusyTimeoutMs must be 0..600000.")]
    public int BusyTimeoutMs { get; set; } = 10_000;

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>For <see cref="StoreProvider.Postgres"/>: an Npgsql keyword string or a postgres:// URL.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new("PaperSearch:Store is postgres, so ConnectionStrings:PaperSearch must name the server (Host=…;Database=…;Username=… or postgres://…).",
                [nameof(ConnectionString)]);
    }

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
