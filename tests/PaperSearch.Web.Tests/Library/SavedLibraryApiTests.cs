using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Tests.Library;

/// <summary>Saving a library over real HTTP, without papers or a model: the body's rules, the hourly budget, and tokens kept out of logs and the store.</summary>
public sealed class SavedLibraryApiTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/libraries", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Save_Answers400NamingTheField_WhenIdsNamesOrCategoriesAreBad()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        var client = app.CreateClient();

        var cases = new (object Body, string Field)[]
        {
            (new { positives = Array.Empty<string>() }, "positives"),
            (new { positives = Enumerable.Range(1, 2001).Select(i => $"2503.{i:00000}") }, "positives"),
            (new { positives = new[] { "2503.11731" }, negatives = Enumerable.Range(1, 2001).Select(i => $"2503.{i:00000}") }, "negatives"),
            (new { positives = new[] { "2503.11731" }, cat = "cs.NOPE" }, "cat"),
            (new { positives = new[] { "2503.11731" }, name = new string('x', 201) }, "name"),
        };
        foreach (var (body, field) in cases)
        {
            var (status, problem) = await PostAsync(client, body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }

        var text = await client.PostAsync("/api/libraries", new StringContent("positives=2503.11731", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        var huge = await client.PostAsync("/api/libraries", new StringContent($"{{\"positives\": [\"{new string('1', 300 * 1024)}\"]}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var broken = await client.PostAsync("/api/libraries", new StringContent("{\"positives\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task Save_Answers429WithRetryAfter_OnceTheHourlyBudgetIsSpent_WhileFeedsStillAnswer()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:SaveLibraryPerHour"] = "2" });
        var client = app.CreateClient();
        var (_, first) = await PostAsync(client, new { positives = new[] { "2503.11731" } });
        var token = first.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/libraries/" + token, new { positives = new[] { "2503.11732" } })).StatusCode);

        var refused = await client.PostAsJsonAsync("/api/libraries", new { positives = new[] { "2503.11733" } });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 1800);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2 libraries per hour", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PutAsJsonAsync("/api/libraries/" + token, new { positives = new[] { "2503.11731" } })).StatusCode);
        // Only saving is on this budget: the feed and revoking still answer.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feed/library/" + token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/libraries/" + token)).StatusCode);
    }

    [Fact]
    public async Task Save_KeepsOnlyTheTokensHash_AndTheAccessLogMasksTheToken()
    {
        var logs = new CapturedLogs();
        using var factory = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var client = app.CreateClient();

        var (status, saved) = await PostAsync(client, new { positives = new[] { "arXiv:2503.11731v2", "2503.11732" }, negatives = new[] { "2503.11733" }, cat = "cs.CV", name = "Mine" });
        var token = saved.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feed/library/" + token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/libraries/" + token)).StatusCode);

        var store = app.Services.GetRequiredService<PaperStore>();
        Assert.Null(await store.GetSavedLibraryAsync(token));
        Assert.Null(await store.GetSavedLibraryAsync(SavedLibrary.HashToken(token))); // revoked
        var lines = logs.Lines.ToList();
        var feedLine = Assert.Single(lines, l => l.Contains("/feed/library/{token}"));
        Assert.Contains("RequestId: ", feedLine); // the access line still names its request
        Assert.Contains(lines, l => l.Contains("/api/libraries/{token}"));
        Assert.DoesNotContain(lines, l => l.Contains(token));
    }

    [Fact]
    public async Task Save_StoresTheCanonicalIds_WhichTheStoreReturnsUntilRevoked()
    {
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        var client = app.CreateClient();
        var (_, saved) = await PostAsync(client, new { positives = new[] { "arXiv:2503.11731v2", "2503.11732", "2503.11731" }, negatives = new[] { "2503.11733" }, cat = "cs.CV", name = " Mine " });
        var hash = SavedLibrary.HashToken(saved.GetProperty("token").GetString()!);

        var stored = await app.Services.GetRequiredService<PaperStore>().GetSavedLibraryAsync(hash);

        Assert.NotNull(stored);
        Assert.Equal(["2503.11731", "2503.11732"], stored.Positives);
        Assert.Equal(["2503.11733"], stored.Negatives);
        Assert.Equal("cs.CV", stored.Categories);
        Assert.Equal("Mine", stored.Name);
    }

    /// <summary>Every log line with its scopes, as a console with IncludeScopes would print it.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder(category).Append(": ").Append(formatter(state, exception));
                owner._scopes.ForEachScope((scope, b) => b.Append(" => ").Append(scope), line);
                owner.Lines.Enqueue(line.ToString());
            }
        }
    }
}
