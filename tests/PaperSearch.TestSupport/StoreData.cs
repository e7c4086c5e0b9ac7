using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace PaperSearch.TestSupport;

/// <summary>Which store provider a parametrised test runs against.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// <c>[Theory, SqliteStore, PostgresStore]</c> runs a test once per store provider; the first parameter is the
/// <see cref="StoreKind"/>, any constructor arguments follow it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class SqliteStoreAttribute(params object[] more) : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Sqlite, .. more]];
}

/// <summary>The PostgreSQL row of a per-provider theory: skipped, with how to enable it, when no test server is configured.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PostgresStoreAttribute : DataAttribute
{
    private readonly object[] _more;

    public PostgresStoreAttribute(params object[] more)
    {
        _more = more;
        if (!TestPostgres.IsConfigured) Skip = TestPostgres.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Postgres, .. _more]];
}

/// <summary>A fact that needs PostgreSQL: skipped, with how to enable it, when no test server is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestPostgres.IsConfigured) Skip = TestPostgres.SkipReason;
    }
}
