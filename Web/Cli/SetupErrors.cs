using System.Data.Common;
using Microsoft.Extensions.Options;

namespace PaperSearch.Web.Cli;

/// <summary>
/// What goes wrong before a command or the server can do anything — invalid configuration, a connection string that
/// does not parse, a server that does not answer or refuses the login — is a setup mistake the user fixes: one line,
/// exit code 2, no stack trace. Used by <see cref="CliRunner"/> and <c>serve</c> at start, and by the store verbs.
/// </summary>
internal static class SetupErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try { return await run(); }
        catch (Exception e) when (Describe(e) is { } message)
        {
            Console.Error.WriteLine("error: " + message);
            return ExitCodes.Usage;
        }
    }

    /// <summary>The one-line explanation of a setup failure, or null when <paramref name="e"/> is not one.</summary>
    internal static string? Describe(Exception e) => e switch
    {
        FormatException or OptionsValidationException => e.Message,
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } =>
            $"{e.Message} Another process listens there: pick another address (--urls), or another Jobs:LocalDashboardPort (0 for none).",
        DbException { InnerException: System.Net.Sockets.SocketException s } => $"cannot reach the PostgreSQL server: {s.Message}",
        DbException or TimeoutException => $"the store's database refused or failed: {e.Message}",
        // EF's execution strategy may wrap a connection failure it considers transient.
        { InnerException: { } inner } => Describe(inner),
        _ => null,
    };
}
