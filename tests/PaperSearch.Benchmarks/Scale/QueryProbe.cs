using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace PaperSearch.Benchmarks.Scale;

/// <summary>
/// Every kind of query the product answers, timed one at a time on one connection (p50, p99), and a mixed load on
/// several. Queries are the first words of real titles; related papers and libraries are drawn from the real papers.
/// </summary>
internal sealed partial class QueryProbe(HttpClient client, IReadOnlyList<SyntheticCorpus.Donor> donors, int count, int seed)
{
    public static readonly string[] Kinds = ["bm25", "hybrid", "semantic", "related", "recommend"];

    public sealed record Timing(double P50, double P99, int Errors);

    public sealed record Load(long Requests, int Errors, double PeakRssMb);

    private readonly string[] _queries = MakeQueries(donors, count, seed);
    private readonly string[] _ids = Sample(donors, count, seed + 1);

    /// <summary>
    /// Every kind once per query, untimed: the JIT's tiers and the caches warm for all kinds alike, so the kind timed
    /// first does not pay for the others. Use another seed than the timed probe's, or the timed queries find their
    /// terms' pages already cached.
    /// </summary>
    public async Task WarmUpAsync()
    {
        foreach (var kind in Kinds)
            for (var i = 0; i < count; i++) await SendAsync(kind, i);
    }

    public async Task<Timing> TimeAsync(string kind)
    {
        var times = new List<double>(count);
        var errors = 0;
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            if (!await SendAsync(kind, i)) errors++;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Timing(times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)], errors);
    }

    public async Task<Load> LoadAsync(int seconds, int connections, WebReplica web)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        long requests = 0;
        var errors = 0;
        var peak = web.RssMb();
        var workers = Enumerable.Range(0, connections).Select(async c =>
        {
            for (var i = c; DateTime.UtcNow < until; i += connections)
            {
                if (!await SendAsync(i % 2 == 0 ? "hybrid" : "semantic", i % count)) Interlocked.Increment(ref errors);
                Interlocked.Increment(ref requests);
            }
        }).ToList();
        while (workers.Any(w => !w.IsCompleted))
        {
            peak = Math.Max(peak, web.RssMb());
            await Task.Delay(250);
        }
        await Task.WhenAll(workers);
        return new Load(requests, errors, peak);
    }

    private async Task<bool> SendAsync(string kind, int i)
    {
        using var response = kind switch
        {
            "related" => await client.GetAsync($"api/papers/{_ids[i]}/related?k=10"),
            "recommend" => await client.PostAsJsonAsync("api/recommend", new { positives = Enumerable.Range(0, 20).Select(j => _ids[(i + j * 7) % _ids.Length]).ToArray(), k = 20 }),
            _ => await client.GetAsync($"api/search?q={Uri.EscapeDataString(_queries[i])}&mode={kind}"),
        };
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private static string[] MakeQueries(IReadOnlyList<SyntheticCorpus.Donor> donors, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var words = Word().Matches(donors[random.Next(donors.Count)].Title).Select(m => m.Value).ToArray();
            return string.Join(' ', words.Take(2 + i % 3));
        }).ToArray();
    }

    private static string[] Sample(IReadOnlyList<SyntheticCorpus.Donor> donors, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => donors[random.Next(donors.Count)].Id).ToArray();
    }

    [GeneratedRegex("[A-Za-z][A-Za-z-]+")]
    private static partial Regex Word();
}
