using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Roles;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>What reaches the real executable before any page does: the Host header, forwarded headers, response headers.</summary>
public sealed class FrontDoorTests : IDisposable
{
    private readonly TempDir _dir = new("frontdoor");

    private static readonly string[] BadHosts = ["", new string('a', 300), "localhost:99999", "xn--", "xn--zz.example", "local host", "[::1", "localhost:0"];

    [Fact]
    public async Task BadHostHeaders_Are400WithoutAStackTrace_OnPagesFeedsAndApi()
    {
        await using var app = await StartAsync(new Dictionary<string, string>());
        foreach (var host in BadHosts)
            foreach (var path in new[] { "/", "/feed/search?q=graph", "/api/stats", "/status" })
                Assert.True(await RawStatusAsync(app, path, host) == 400, $"Host '{host[..Math.Min(host.Length, 20)]}' on {path}");
        Assert.Equal(200, await RawStatusAsync(app, "/", "[::1]:8080"));
        Assert.DoesNotContain("Exception", app.Output);
    }

    [Fact]
    public async Task ResponseHeaders_HaveNoServer_AndCarryPermissionsPolicyAndCoop_AndTheDashboardGetsItsOwnPolicy()
    {
        await using var app = await StartAsync(new Dictionary<string, string>());
        var page = await app.Http.GetAsync("/");
        Assert.False(page.Headers.Contains("Server"));
        Assert.Contains("camera=()", page.Headers.GetValues("Permissions-Policy").Single());
        Assert.Equal("same-origin", page.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.Contains("'nonce-", page.Headers.GetValues("Content-Security-Policy").Single());
        using var local = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.DashboardPort}/") };
        var dashboard = await local.GetAsync("jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(Web.Hardening.SecurityHeaders.DashboardPolicy, dashboard.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task ForwardedFor_IsBelievedFromConfiguredProxiesOnly_EvenWithTheEnvironmentSwitchOn()
    {
        var limits = new Dictionary<string, string>
        {
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["RateLimit__Burst"] = "3",
            ["RateLimit__TokensPerPeriod"] = "1",
            ["RateLimit__PeriodSeconds"] = "60",
        };
        await using (var untrusting = await StartAsync(new(limits)))
        {
            // A new forged address per request must not buy a new budget.
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 6; i++) statuses.Add((await untrusting.Http.SendAsync(WithForwardedFor("/api/stats", $"198.51.100.{i + 1}"))).StatusCode);
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
            Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        }

        await using var trusting = await StartAsync(new(limits)
        {
            ["Proxy__KnownProxies__0"] = "127.0.0.1",
            ["PaperSearch__PublicBaseUrl"] = "https://papers.example.org/",
        });
        // From the trusted proxy, each forwarded client has its own budget.
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await trusting.Http.SendAsync(WithForwardedFor("/api/stats", $"198.51.100.{i + 1}"))).StatusCode);
        // Absolute URLs come from the public base URL, whatever Host the client sent.
        var feed = XDocument.Parse(await trusting.Http.GetStringAsync("feed/search?q=graph"));
        var self = feed.Root!.Elements(XName.Get("link", "http://www.w3.org/2005/Atom")).First(l => (string?)l.Attribute("rel") == "self");
        Assert.StartsWith("https://papers.example.org/feed/search", (string)self.Attribute("href")!);
    }

    [Fact]
    public async Task App_RefusesToStart_WhenAProxyIsNoAddress()
    {
        await using var app = AppProcess.Start("app", "all", _dir.Sub("bad-proxy"), new Dictionary<string, string>
        {
            ["Embedding__Model"] = "none",
            ["Proxy__KnownNetworks__0"] = "10.0.0.0/99",
        });
        Assert.Equal(2, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Proxy:KnownNetworks holds '10.0.0.0/99'", app.Output);
    }

    private async Task<AppProcess> StartAsync(Dictionary<string, string> environment)
    {
        environment["Embedding__Model"] = "none";
        environment["Jobs__HarvestCron"] = "";
        var app = AppProcess.Start("app", "all", _dir.Sub(Guid.NewGuid().ToString("n")), environment);
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    private static HttpRequestMessage WithForwardedFor(string path, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    /// <summary>HttpClient refuses to send most bad Host values, so this writes the request by hand.</summary>
    private static async Task<int> RawStatusAsync(AppProcess app, string path, string host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, app.Http.BaseAddress!.Port);
        var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _dir.Dispose();
}
