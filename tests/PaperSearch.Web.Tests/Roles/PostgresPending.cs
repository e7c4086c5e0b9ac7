namespace PaperSearch.Web.Tests.Roles;

// Stand-ins until the PostgreSQL store (branch pg) is in main; delete this file on merging it, and the roles test
// uses PaperSearch.TestSupport.TestPostgres and PostgresFact instead.

internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() =>
        Skip = "PostgreSQL variant: needs the PostgreSQL store provider (branch pg) and PAPERSEARCH_TEST_POSTGRES.";
}

internal sealed class TestPostgres : IAsyncDisposable
{
    public string ConnectionString => throw new NotSupportedException();
    public static Task<TestPostgres> CreateAsync(string prefix) => throw new NotSupportedException(prefix);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
