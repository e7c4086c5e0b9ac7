namespace PaperSearch.Web.Cli;

/// <summary>One command-line verb (<c>import</c>, <c>search</c>, …), run inside a host that has the app's services but no web server.</summary>
public interface ICliVerb
{
    string Name { get; }
    /// <summary>One line: arguments and options.</summary>
    string Usage { get; }
    string Summary { get; }
    IReadOnlySet<string> ValueOptions { get; }
    IReadOnlySet<string> Flags { get; }
    Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct);
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>A verb that writes the index (import, harvest, reindex): refused in roles that do not hold its writer.</summary>
public interface IIndexWritingVerb : ICliVerb;
