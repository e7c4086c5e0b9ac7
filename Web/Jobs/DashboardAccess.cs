using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Hangfire.Dashboard;
using PaperSearch.Indexer.Jobs;

namespace PaperSearch.Web.Jobs;

/// <summary>
/// Who may open /jobs. On the local dashboard listener (<see cref="JobsOptions.LocalDashboardPort"/>, bound to
/// 127.0.0.1, so no proxy in front of the site can stand in for it) anyone on this machine may. On the site's own
/// port only a client with the credentials in <c>Jobs:DashboardUser</c>/<c>Jobs:DashboardPassword</c>, also from
/// loopback (a reverse proxy on the same host makes every client look like 127.0.0.1); an <c>X-Forwarded-For</c> value
/// is never proof of anything. Basic auth is refused over plain HTTP except on loopback or with
/// <see cref="JobsOptions.AllowBasicAuthOverHttp"/>, and a client with <see cref="JobsOptions.LoginFailuresPerSecond"/>
/// wrong passwords in the last second is refused without checking.
/// </summary>
public sealed class DashboardAccess : IDashboardAuthorizationFilter
{
    private static readonly string[] ProxyHeaders =
        ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Original-For", "X-Real-IP", "Via"];

    private readonly JobsOptions _options;
    // One fixed window per client address counting failed logins only (checked before, charged after a failure).
    private readonly PartitionedRateLimiter<string> _failures;

    public DashboardAccess(JobsOptions options)
    {
        _options = options;
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.LoginFailuresPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
            }));
    }

    public bool RemoteAccessConfigured => !string.IsNullOrEmpty(_options.DashboardUser) && !string.IsNullOrEmpty(_options.DashboardPassword);

    public bool Authorize(DashboardContext context) => Check(context.GetHttpContext()) == Verdict.Allowed;

    public enum Verdict { Allowed, NeedsCredentials, Throttled, NeedsHttps, LocalOnly }

    public Verdict Check(HttpContext http)
    {
        if (OnLocalListener(http)) return Verdict.Allowed;
        if (!RemoteAccessConfigured) return Verdict.LocalOnly;
        if (!http.Request.IsHttps && !_options.AllowBasicAuthOverHttp && !IsLoopback(http.Connection.RemoteIpAddress)) return Verdict.NeedsHttps;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 }) return Verdict.Throttled;
        if (!http.Request.Headers.Authorization.Any()) return Verdict.NeedsCredentials;
        if (HasValidCredentials(http.Request)) return Verdict.Allowed;
        using var _ = _failures.AttemptAcquire(client);
        return Verdict.NeedsCredentials;
    }

    /// <summary>Arrived on the loopback-only dashboard listener, from this machine, with no sign of having been relayed.</summary>
    private bool OnLocalListener(HttpContext http)
    {
        var connection = http.Connection;
        return _options.LocalDashboardPort > 0 && connection.LocalPort == _options.LocalDashboardPort
            && connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local)
            && connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            && !ProxyHeaders.Any(h => http.Request.Headers.ContainsKey(h));
    }

    // The in-process test server has no remote address: it is local by construction.
    private static bool IsLoopback(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote);

    private bool HasValidCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())); }
        catch (FormatException) { return false; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return false;
        return FixedTimeEquals(decoded[..colon], _options.DashboardUser!) & FixedTimeEquals(decoded[(colon + 1)..], _options.DashboardPassword!);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
