using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Roles;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>
/// /jobs on the real executable: the site's port as a reverse proxy on this host reaches it (a plain forward looks
/// like any loopback client), forged X-Forwarded-For values, and the loopback-only dashboard listener.
/// </summary>
public sealed class DashboardAccessTests : IDisposable
{
    private readonly TempDir _dir = new("dashboard");

    private static readonly string[] Pages = ["jobs", "jobs/recurring", "jobs/jobs/succeeded"];
    private static readonly string[] Commands = ["jobs/recurring/trigger", "jobs/stats", "jobs/jobs/enqueued/delete"];

    [Fact]
    public async Task WithoutCredentials_OnlyTheLocalListenerServesTheDashboard_AndNoHeaderStandsInForIt()
    {
        await using var app = await StartAsync(new Dictionary<string, string>());
        using var local = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.DashboardPort}/") };

        foreach (var path in Pages)
        {
            // What a proxy in front of the site sends: a loopback connection, with or without forwarding headers.
            Assert.Equal(HttpStatusCode.Forbidden, (await app.Http.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.Http.SendAsync(Get(path, forwardedFor: "127.0.0.1"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await local.GetAsync(path)).StatusCode);
            // A relayed request on the local listener is someone's proxy pointed at it.
            Assert.Equal(HttpStatusCode.Forbidden, (await local.SendAsync(Get(path, forwardedFor: "203.0.113.9"))).StatusCode);
        }
        foreach (var path in Commands)
            Assert.Equal(HttpStatusCode.Forbidden, (await app.Http.PostAsync(path, new FormUrlEncodedContent([new("jobs[]", "nightly-reindex")]))).StatusCode);
        var refused = await app.Http.GetAsync("jobs");
        Assert.Contains($"http://127.0.0.1:{app.DashboardPort}/jobs", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnTheLocalListener_CommandUrlsAre405ToGet_AndABadJobIdIs404_NeverA500()
    {
        await using var app = await StartAsync(new Dictionary<string, string>());
        using var local = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.DashboardPort}/") };
        foreach (var path in Commands.Append("jobs/jobs/actions/requeue/1").Append("jobs/recurring/remove"))
        {
            var response = await local.GetAsync(path);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal("POST", string.Join(",", response.Content.Headers.Allow));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await local.GetAsync("jobs/jobs/details/abc")).StatusCode);
        // A real command still works where it is allowed: with the page's CSRF token, the recurring job is triggered (204).
        var page = await local.GetStringAsync("jobs/recurring");
        var token = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        using var trigger = new HttpRequestMessage(HttpMethod.Post, "jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "nightly-reindex")]),
        };
        trigger.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.NoContent, (await local.SendAsync(trigger)).StatusCode);
        Assert.DoesNotContain("Exception", app.Output);
    }

    [Fact]
    public async Task WithCredentials_EveryUnauthenticatedRequestIs401_ALoginWorks_AndTheTwentiethWrongPasswordIsRefusedUnchecked()
    {
        await using var app = await StartAsync(new Dictionary<string, string>
        {
            ["Jobs__DashboardUser"] = "ops",
            ["Jobs__DashboardPassword"] = "s3cret",
            // The forwarded-headers switch on, as on the compose replicas: it must not make X-Forwarded-For believable.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        });
        foreach (var path in Pages)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.SendAsync(Get(path, forwardedFor: "127.0.0.1"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.PostAsync("jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "nightly-reindex")]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(Get("jobs", credentials: "ops:s3cret"))).StatusCode);

        // 21 wrong passwords in a row (well inside a second): past the limit (10 a second) they are refused without being
        // checked, with a Retry-After. A fixed window may turn over once in between, so at most 20 are checked.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 21; i++) answers.Add(await app.Http.SendAsync(Get("jobs", credentials: $"ops:guess{i}")));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.NotNull(r.Headers.RetryAfter));
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized), 10, 20);
        Assert.Equal(21, answers.Count(a => a.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
        // Once the second has passed, the right password works again.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(Get("jobs", credentials: "ops:s3cret"))).StatusCode);
    }

    private async Task<AppProcess> StartAsync(Dictionary<string, string> environment)
    {
        environment["Embedding__Model"] = "none";
        environment["Jobs__HarvestCron"] = "";
        var app = AppProcess.Start("app", "all", _dir.Sub(Guid.NewGuid().ToString("n")), environment);
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    private static HttpRequestMessage Get(string path, string? forwardedFor = null, string? credentials = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (credentials is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return request;
    }

    public void Dispose() => _dir.Dispose();
}
