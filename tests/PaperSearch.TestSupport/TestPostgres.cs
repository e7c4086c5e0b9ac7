using Npgsql;

namespace PaperSearch.TestSupport;

/// <summary>
/// A uniquely named database on the server named by <c>PAPERSEARCH_TEST_POSTGRES</c> (an admin connection string to a
/// loopback server; <c>bash .ci/run</c> starts one and sets it), created for one test or fixture and dropped after.
/// When the variable is unset, PostgreSQL tests are skipped with <see cref="SkipReason"/>.
/// </summary>
public sealed class TestPostgres : IDisposable, IAsyncDisposable
{
    public const string Variable = "PAPERSEARCH_TEST_POSTGRES";

    private TestPostgres(string database, string connectionString) => (Database, ConnectionString) = (database, connectionString);

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool IsConfigured => AdminConnectionString is not null;

    public static string SkipReason =>
        $"PostgreSQL tests are skipped: set {Variable} to an admin connection string of a loopback server " +
        "(e.g. Host=127.0.0.1;Port=55432;Username=postgres). bash .ci/run starts a private server and sets it.";

    /// <summary>The database's name (<c>ps_{prefix}_{random}</c>).</summary>
    public string Database { get; }

    /// <summary>An Npgsql connection string to <see cref="Database"/>, with the admin's credentials.</summary>
    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync(string prefix = "test", CancellationToken ct = default)
    {
        var (name, admin, cs) = Names(prefix);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(ct);
        return new TestPostgres(name, cs);
    }

    /// <summary>For constructors that cannot await (e.g. a WebApplicationFactory).</summary>
    public static TestPostgres Create(string prefix = "test")
    {
        var (name, admin, cs) = Names(prefix);
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return new TestPostgres(name, cs);
    }

    public async ValueTask DisposeAsync()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        // FORCE ends sessions a test left behind (Hangfire's server, pooled connections).
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    private static (string Name, string Admin, string ConnectionString) Names(string prefix)
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(SkipReason);
        // PostgreSQL names are at most 63 bytes: ps_ + 20 + _ + 32.
        var name = $"ps_{new string([.. prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20)])}_{Guid.NewGuid():N}";
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return (name, admin, cs);
    }
}
