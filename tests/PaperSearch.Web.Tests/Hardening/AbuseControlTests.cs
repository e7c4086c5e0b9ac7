using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperSearch.Web.Tests.Hardening;

public sealed class AbuseControlTests
{
    [Fact]
    public async Task Api_Answers429WithRetryAfterAndProblem_WhenBurstIsSpent()
    {
        using var app = new PaperSearchApp(new()
        {
            ["RateLimit:Burst"] = "5",
            ["RateLimit:TokensPerPeriod"] = "1",
            ["RateLimit:PeriodSeconds"] = "30",
        });
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats")).StatusCode);

        var refused = await client.GetAsync("/api/search?q=transformer");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 30);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("5 API and feed requests at once", problem.GetProperty("detail").GetString());

        // Feeds share the bucket; liveness is never limited, pages have their own budget.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/feed/search?q=x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?q=graph")).StatusCode);
    }

    [Fact]
    public async Task Pages_Answer429AsText_WhenTheirBudgetIsSpent_WhileTheApiBudgetIsUntouched_AndAssetsAreNeverLimited()
    {
        using var app = new PaperSearchApp(new()
        {
            ["RateLimit:PageBurst"] = "3",
            ["RateLimit:PageTokensPerPeriod"] = "1",
            ["RateLimit:StatusBurst"] = "2",
            ["RateLimit:StatusTokensPerPeriod"] = "1",
            ["RateLimit:PeriodSeconds"] = "30",
        });
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/?q=graph{i}")).StatusCode);
        var refused = await client.GetAsync("/list/cs.AI");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/plain", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("3 page requests at once", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=graph")).StatusCode);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);

        // /status and /health/ready count the store: a budget of their own.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/status")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Api_IsNotLimited_WhenRateLimitIsDisabled()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false", ["RateLimit:Burst"] = "1" });
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats")).StatusCode);
    }

    [Fact]
    public async Task App_RefusesToStart_WhenRateLimitOptionsAreInvalid()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:Burst"] = "0" });
        var e = await Assert.ThrowsAnyAsync<Exception>(() => app.CreateClient().GetAsync("/health"));
        Assert.Contains("RateLimit", e.ToString());
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_OnPagesApiAndErrors()
    {
        using var app = new PaperSearchApp();
        var client = app.CreateClient();
        foreach (var url in new[] { "/", "/api/stats", "/health", "/api/search?q=", "/no/such/page" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';", csp);
            Assert.DoesNotContain("unsafe", csp);
            Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-Id").Single()));
        }
    }

    [Fact]
    public async Task ContentSecurityPolicy_HasAFreshNonce_OnEveryResponse()
    {
        using var app = new PaperSearchApp();
        var client = app.CreateClient();
        var nonces = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var csp = (await client.GetAsync("/not-found")).Headers.GetValues("Content-Security-Policy").Single();
            nonces.Add(System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value);
        }
        Assert.Equal(3, nonces.Count);
    }

    [Fact]
    public async Task Json_IsCompressed_WhenClientAcceptsBrotliOrGzip()
    {
        using var app = new PaperSearchApp();
        var client = app.CreateClient();
        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        }
    }
}
