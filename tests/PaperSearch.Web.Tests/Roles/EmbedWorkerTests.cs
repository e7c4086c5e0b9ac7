using System.Text.RegularExpressions;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Web.Tests.Roles;

/// <summary>
/// The nightly embedding spread over processes: one <c>indexer</c> (one Hangfire worker, which the nightly job itself
/// occupies) and one <c>worker</c> on PostgreSQL. Every range job must run in the worker process, and every paper end
/// up with exactly one vector.
/// </summary>
public sealed partial class EmbedWorkerTests(ITestOutputHelper output) : IDisposable
{
    private const int Papers = 160, RangeSize = 40, MaxTokens = 64;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDir _dir = new("embed-worker");

    public void Dispose() => _dir.Dispose();

    [PostgresFact]
    public async Task NightlyEmbedding_RunsEveryRangeInTheWorkerProcess_WhenAWorkerRoleIsUp()
    {
        await using var db = await TestPostgres.CreateAsync("worker");
        var environment = new Dictionary<string, string>
        {
            ["PaperSearch__Store"] = "postgres",
            ["ConnectionStrings__PaperSearch"] = db.ConnectionString,
            ["Embedding__Model"] = "minilm",
            ["Embedding__MaxTokens"] = MaxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs__HarvestCron"] = "",
            ["Jobs__ReindexCron"] = "*/5 * * * * *", // the nightly job (catch-up, merge, embed, refit), every 5 s here
            ["Jobs__Workers"] = "1",
            ["Jobs__EmbedRangeSize"] = RangeSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        await using var indexer = AppProcess.Start("indexer", "indexer", _dir.Sub("indexer"), environment);
        await indexer.WaitHealthyAsync(StartTimeout); // migrated the store and Hangfire's schema
        await using var worker = AppProcess.Start("worker", "worker", _dir.Sub("worker"), environment);
        await worker.WaitHealthyAsync(StartTimeout);
        // Papers arrive only now, so the first nightly run that sees them finds the worker's server announced.
        var store = PaperStore.Open(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = db.ConnectionString });
        await store.UpsertAsync([.. Enumerable.Range(1, Papers).Select(i => new Paper
        {
            Id = $"2504.{i:00000}", Title = $"Sparse attention study {i}", Abstract = $"We study sparse attention in setting {i}.",
            Categories = ["cs.LG"],
        })]);

        var model = OnnxEmbedder.IdFor(EmbeddingModel.MiniLm, MaxTokens);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await store.CountEmbeddingsAsync(model) < Papers && clock.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(500);
        output.WriteLine($"{await store.CountEmbeddingsAsync(model)} of {Papers} papers embedded after {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(Papers, await store.CountEmbeddingsAsync(model));
        var ranges = EmbeddedRange().Matches(worker.Output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ranges.Count == Papers / RangeSize, $"worker ran {ranges.Count} range jobs:\n{worker.Output}");
        Assert.Equal(Papers, ranges.Sum());
        Assert.Empty(EmbeddedRange().Matches(indexer.Output)); // its one worker waited for the ranges
        Assert.Contains("Embedding spread over 4 range jobs", indexer.Output);
        Assert.DoesNotContain(" fail: ", indexer.Output + worker.Output);
    }

    [GeneratedRegex(@"Embedded (\d+) papers in \S+ … \S+")]
    private static partial Regex EmbeddedRange();
}
