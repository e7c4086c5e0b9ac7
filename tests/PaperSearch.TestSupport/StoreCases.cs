using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace PaperSearch.TestSupport;

/// <summary>
/// The cases of a static member (<c>IEnumerable&lt;object[]&gt;</c> on the test class), each prefixed with a
/// <see cref="StoreKind"/>: <c>[Theory, StoreCases(StoreKind.Sqlite, nameof(Cases)), StoreCases(StoreKind.Postgres, nameof(Cases))]</c>
/// runs every case on both providers without repeating the case list. The PostgreSQL rows are skipped, with how to
/// enable them, when no test server is configured.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StoreCasesAttribute : DataAttribute
{
    private readonly StoreKind _kind;
    private readonly string _member;

    public StoreCasesAttribute(StoreKind kind, string member)
    {
        (_kind, _member) = (kind, member);
        if (kind == StoreKind.Postgres && !TestPostgres.IsConfigured) Skip = TestPostgres.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        var type = testMethod.ReflectedType ?? testMethod.DeclaringType!;
        var member = type.GetProperty(_member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
                     ?? type.GetField(_member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
                     ?? throw new ArgumentException($"{type.Name} has no static property or field named {_member}.");
        return ((IEnumerable<object[]>)member).Select(row => (object[])[_kind, .. row]);
    }
}
