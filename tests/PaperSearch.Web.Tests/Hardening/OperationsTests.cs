using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PaperSearch.Web.Tests.Hardening;

public sealed class OperationsTests
{
    [Fact]
    public async Task Ready_ReportsDegradedWith200_WhenModelIsOff()
    {
        using var app = new PaperSearchApp();
        var response = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("index").GetProperty("status").GetString());
        Assert.Equal("Degraded", checks.GetProperty("model").GetProperty("status").GetString());
        Assert.Equal("ok", (await app.CreateClient().GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_Answers503_WhenStoreIsGone()
    {
        using var app = new PaperSearchApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // A store whose tables vanished (disk replaced, file truncated) must take the instance out of rotation.
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(app.DataDir, "papersearch.db")}"))
        {
            await db.OpenAsync();
            await using var drop = db.CreateCommand();
            drop.CommandText = "PRAGMA foreign_keys=OFF; DROP TABLE papers;";
            await drop.ExecuteNonQueryAsync();
        }
        var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
    }

    [Theory]
    // Loopback on the site's port is what a proxy on the same host looks like: not enough without credentials.
    [InlineData("127.0.0.1", null, null, null, HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", "ops", "s3cret", null, HttpStatusCode.Unauthorized)]
    [InlineData("203.0.113.9", null, null, null, HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.9", "ops", "s3cret", null, HttpStatusCode.Unauthorized)]
    [InlineData("203.0.113.9", "ops", "s3cret", "ops:wrong", HttpStatusCode.Unauthorized)]
    [InlineData("203.0.113.9", "ops", "s3cret", "ops:s3cret", HttpStatusCode.OK)]
    public async Task JobsDashboard_IsGuarded_ByAddressAndCredentials(string remote, string? user, string? password, string? credentials, HttpStatusCode expected)
    {
        using var app = new PaperSearchApp(new() { ["Jobs:DashboardUser"] = user, ["Jobs:DashboardPassword"] = password });
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(System.Net.IPAddress.Parse(remote)))));
        // Over HTTPS: basic auth over plain HTTP from a remote address is refused.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        if (credentials is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized) Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    /// <summary>Makes every request look as if it came from <paramref name="remote"/> (the test server sets no address).</summary>
    private sealed class RemoteAddressFilter(System.Net.IPAddress remote) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = remote;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
