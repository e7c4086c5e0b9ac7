using System.CommandLine;

namespace PaperSearch.Web.Cli;

/// <summary>One command-line verb (<c>import</c>, <c>search</c>, …), run inside a host that has the app's services but no web server.</summary>
public interface ICliVerb
{
    /// <summary>The verb's name, description, arguments and options: declared once, here (help and completion read them).</summary>
    Command Command { get; }

    /// <param name="args">The parse of the whole command line; read this verb's own arguments and options from it.</param>
    /// <param name="ct">Cancelled on Ctrl+C and SIGTERM.</param>
    Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct);
}

/// <summary>A usage mistake found by a verb (a file that does not exist, values that contradict): printed with where the
/// verb's usage is, exit code 2. Parse errors (unknown options, missing or malformed values) never reach a verb.</summary>
public sealed class UsageException(string message) : Exception(message);

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>A verb that writes the index (import, harvest, reindex): refused in roles that do not hold its writer.</summary>
public interface IIndexWritingVerb : ICliVerb;
