using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Web.Tests.Hardening;

public sealed class FuzzTests(PerStore<HardenedAppFixture> apps, ITestOutputHelper output) : IClassFixture<PerStore<HardenedAppFixture>>
{
    private const int Seed = 20261129;

    // PostgreSQL gets the same generator with fewer requests: the store-touching paths (papers, related, listings,
    // stats) come up often enough in 2,000 to meet each shape, and the run stays a few seconds.
    [Theory, SqliteStore(10_000), PostgresStore(2_000)]
    public async Task Api_NeverAnswers5xx_AndEvery4xxExplainsItself_WhenFedThousandsOfGeneratedRequests(StoreKind store, int requests)
    {
        var client = (await apps.GetAsync(store)).App.CreateClient();
        var fuzzer = new RequestFuzzer(Seed);
        var urls = Enumerable.Range(0, requests).Select(_ => fuzzer.Next()).ToArray();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, urls.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await client.GetAsync(urls[i], ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var body = await response.Content.ReadAsStringAsync(ct);
            var problem = status >= 500 ? "server error" : status >= 400 ? ProblemDefect(response, body) : null;
            if (problem is not null) failures.Enqueue($"{RequestFuzzer.Describe(Seed, i)} GET {Short(urls[i])} → {status}: {problem}; body {Short(body)}");
        });

        output.WriteLine($"{store}: {requests:N0} requests in {clock.Elapsed.TotalSeconds:N1} s; statuses " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, first ones:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(statuses.Keys.Any(s => s == 200) && statuses.Keys.Any(s => s == 400), "the fuzzer should reach both answers");
    }

    /// <summary>
    /// Grammar-built queries, ids and list expressions (<see cref="QueryGrammar"/>) on every endpoint that takes one,
    /// pages included: each answers below 500 and never drops the connection.
    /// </summary>
    [Theory, SqliteStore(3_000), PostgresStore(600)]
    public async Task EveryQueryEndpoint_NeverAnswers5xx_WhenFedGrammarBuiltQueries(StoreKind store, int requests)
    {
        var client = (await apps.GetAsync(store)).App.CreateClient();
        var grammar = new QueryGrammar(Seed);
        string[] templates =
        [
            "/api/search?q={0}", "/api/search?q={0}&mode=semantic", "/api/search?q={0}&sort=date", "/feed/search?q={0}", "/?q={0}",
            "/?q={0}&mode=bm25&page=2", "/api/papers/{0}", "/paper/{0}", "/api/papers/{0}/related", "/api/lists/{0}", "/list/{0}",
            "/feed/list/{0}",
        ];
        // In a path, an encoded NUL makes the in-memory test host throw before the app runs (Kestrel answers 400 itself).
        var urls = Enumerable.Range(0, requests).Select(i => templates[i % templates.Length]).Select(t =>
            string.Format(CultureInfo.InvariantCulture, t, Encode(t.Contains('?') ? grammar.Next() : grammar.Next().Replace("\0", "")))).ToArray();
        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, urls.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            try
            {
                using var response = await client.GetAsync(urls[i], ct);
                if ((int)response.StatusCode >= 500) failures.Enqueue($"#{i} GET {Short(urls[i])} → {(int)response.StatusCode}");
            }
            catch (HttpRequestException e) { failures.Enqueue($"#{i} GET {Short(urls[i])} → {e.Message}"); }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, first ones:\n" + string.Join("\n", failures.Take(15)));
    }

    /// <summary>Percent-encodes UTF-16 as the grammar made it: a lone surrogate becomes its (invalid) 3-byte UTF-8 form.</summary>
    private static string Encode(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_' or '~') { sb.Append(ch); continue; }
            byte[] bytes = char.IsSurrogate(ch)
                ? [(byte)(0xE0 | ch >> 12), (byte)(0x80 | (ch >> 6 & 0x3F)), (byte)(0x80 | (ch & 0x3F))]
                : System.Text.Encoding.UTF8.GetBytes(ch.ToString());
            foreach (var b in bytes) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Null when a 4xx is a problem body with a non-empty detail or a non-empty errors map.</summary>
    private static string? ProblemDefect(HttpResponseMessage response, string body)
    {
        if (response.StatusCode == HttpStatusCode.NotFound && body.Length == 0) return "empty 404";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}";
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var hasDetail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(d.GetString());
            var hasErrors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any();
            return hasDetail || hasErrors ? null : "problem without detail or errors";
        }
        catch (JsonException) { return "problem body is not JSON"; }
    }

    private static string Short(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
