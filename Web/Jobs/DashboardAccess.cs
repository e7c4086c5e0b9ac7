using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Hangfire.Dashboard;

namespace PaperSearch.Web.Jobs;

/// <summary>
/// Who may open /jobs. With <c>Jobs:DashboardUser</c>/<c>Jobs:DashboardPassword</c> set, everyone needs them — also a
/// loopback connection, because a reverse proxy on the same host makes every client look like 127.0.0.1. Without them,
/// only a loopback connection that carries no sign of a proxy (no Forwarded/X-Forwarded-*/Via/X-Real-IP header) and
/// arrives while forwarded headers are off; an <c>X-Forwarded-For</c> value is never proof of anything. Basic auth is
/// refused over plain HTTP except on loopback or with <c>Jobs:AllowBasicAuthOverHttp</c>, and a client with
/// <see cref="FailuresPerSecond"/> wrong passwords in the last second is refused without checking.
/// </summary>
public sealed class DashboardAccess(string? user, string? password, bool forwardedHeadersEnabled = false, bool allowBasicAuthOverHttp = false)
    : IDashboardAuthorizationFilter
{
    public const int FailuresPerSecond = 10;

    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via"];

    // One fixed window per client address counting failed logins only (checked before, charged after a failure).
    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    public bool RemoteAccessConfigured => !string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password);

    public bool Authorize(DashboardContext context) => Check(context.GetHttpContext()) == Verdict.Allowed;

    public bool IsAllowed(HttpContext http) => Check(http) == Verdict.Allowed;

    public enum Verdict { Allowed, NeedsCredentials, Throttled, NeedsHttps, LocalOnly }

    public Verdict Check(HttpContext http)
    {
        if (!RemoteAccessConfigured) return IsTrueLoopback(http) ? Verdict.Allowed : Verdict.LocalOnly;
        if (!http.Request.IsHttps && !allowBasicAuthOverHttp && !IsLoopbackConnection(http)) return Verdict.NeedsHttps;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 }) return Verdict.Throttled;
        if (!http.Request.Headers.Authorization.Any()) return Verdict.NeedsCredentials;
        if (HasValidCredentials(http.Request)) return Verdict.Allowed;
        using var _ = failures.AttemptAcquire(client);
        return Verdict.NeedsCredentials;
    }

    private bool IsTrueLoopback(HttpContext http) =>
        !forwardedHeadersEnabled && IsLoopbackConnection(http) && !ProxyHeaders.Any(h => http.Request.Headers.ContainsKey(h));

    private static bool IsLoopbackConnection(HttpContext http)
    {
        // The in-process test server has no remote address: it is local by construction.
        var remote = http.Connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote);
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
