using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace PaperSearch.Web.Jobs;

/// <summary>
/// Who may see the job dashboard at /jobs: requests from this machine always; remote requests only
/// with HTTP basic credentials matching Jobs:DashboardUser / Jobs:DashboardPassword, and never when
/// those are not configured.
/// </summary>
public sealed class DashboardAccess(string? user, string? password) : IDashboardAuthorizationFilter
{
    public bool RemoteAccessConfigured => !string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password);

    public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());

    public bool IsAllowed(HttpContext http) => IsLocal(http) || RemoteAccessConfigured && HasValidCredentials(http.Request);

    private static bool IsLocal(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        // The in-process test server has no remote address: it is local by construction.
        if (remote is null) return true;
        return IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress);
    }

    private bool HasValidCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())); }
        catch (FormatException) { return false; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return false;
        return FixedTimeEquals(decoded[..colon], user!) & FixedTimeEquals(decoded[(colon + 1)..], password!);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
