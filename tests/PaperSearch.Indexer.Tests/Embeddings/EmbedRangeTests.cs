using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Embeddings;

/// <summary>MiniLM loaded once for the class (extracting the model and opening the session take seconds).</summary>
public sealed class MiniLmFixture : IDisposable
{
    private readonly TempDir _dir = new("minilm");

    public MiniLmFixture()
    {
        Embedder = EmbedderFactory.Create(new EmbeddingOptions { MaxTokens = 128 }, _dir.Path);
        if (!Embedder.IsAvailable) throw new InvalidOperationException("MiniLM did not load: " + ((NullEmbedder)Embedder).Reason);
    }

    public IEmbedder Embedder { get; }

    public void Dispose()
    {
        (Embedder as IDisposable)?.Dispose();
        _dir.Dispose();
    }
}

[Collection(Harvest.HangfireCollection.Name)]
public sealed class EmbedRangeTests(MiniLmFixture model) : IClassFixture<MiniLmFixture>, IDisposable
{
    private readonly TempDir _dir = new("embed-range");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task MissingEmbeddingRangesAsync_CoversEveryMissingIdOnceNewestFirst_WhenSomeAlreadyEmbedded()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync([.. Papers(23), .. OldStyle]);
        var embedded = new[] { "2501.00002", "2501.00003", "2501.00010", "2501.00017", "2501.00023" };
        await store.UpsertEmbeddingsAsync("m", [.. embedded.Select(id => (id, new float[] { 1, 0 }))]);

        var ranges = await store.MissingEmbeddingRangesAsync("m", size: 5);

        Assert.Equal(5, ranges.Count); // 18 missing new-style ids in ranges of at most 5, then the 2 old-style ones
        Assert.Equal(new IdRange("2501.00018", "2501.00022"), ranges[0]);
        Assert.All(ranges, r => Assert.True(string.CompareOrdinal(r.From, r.To) <= 0));
        var covered = new List<string>();
        foreach (var r in ranges) covered.AddRange(await store.GetIdsMissingEmbeddingAsync("m", r, limit: 100));
        Assert.Equal([.. Papers(23).Select(p => p.Id).Except(embedded).OrderDescending(StringComparer.Ordinal), "math/0601001", "hep-th/9901001"],
            covered);
    }

    [Fact]
    public async Task RunAsync_EmbedsTheNewestPapers_WhenLimited()
    {
        var store = await OpenStoreAsync(_dir);
        // Stored in a scrambled order, so the store's change order (Seq) is not the newest-first order.
        var papers = Dated(30);
        await store.UpsertAsync([.. OldStyle, .. papers.Select((p, i) => (p, Key: i * 7 % 30)).OrderBy(x => x.Key).Select(x => x.p)]);
        var pipeline = new EmbeddingPipeline(store, model.Embedder);
        var newest = papers.OrderByDescending(p => p.ListingDate).ThenByDescending(p => p.Id, StringComparer.Ordinal).Select(p => p.Id).ToList();

        var first = await pipeline.RunAsync(limit: 5);
        var firstIds = await EmbeddedAsync(store, [.. papers.Select(p => p.Id), .. OldStyle.Select(p => p.Id)]);
        var second = await pipeline.RunAsync(limit: 25); // the other new-style papers; old-style ones come last
        var secondIds = await EmbeddedAsync(store, OldStyle.Select(p => p.Id));
        var rest = await pipeline.RunAsync();

        Assert.Equal(5, first.Embedded);
        Assert.Equal(newest[..5].Order(StringComparer.Ordinal), firstIds.Order(StringComparer.Ordinal));
        Assert.Equal(25, second.Embedded);
        Assert.Empty(secondIds);
        Assert.Equal(2, rest.Embedded);
        Assert.Equal(32, await store.CountEmbeddingsAsync(model.Embedder.ModelId));
    }

    [Fact]
    public async Task RefitCompressionStep_FitsOnlyWhenVectorsWereAdded_WhenRunNightAfterNight()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync(Papers(20));
        var pipeline = new EmbeddingPipeline(store, model.Embedder);
        await pipeline.RunAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new SemanticOptions { Rank = 8 });
        var catalog = new VectorCatalog(store, model.Embedder, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<VectorCatalog>.Instance);
        var step = new RefitCompressionStep(new CompressionFitter(store), store, catalog, model.Embedder, options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RefitCompressionStep>.Instance);

        await step.RunAsync(CancellationToken.None);
        var first = await store.GetProjectionAsync(model.Embedder.ModelId);
        await step.RunAsync(CancellationToken.None);
        var second = await store.GetProjectionAsync(model.Embedder.ModelId);
        await store.UpsertAsync(Papers(25));
        await pipeline.RunAsync();
        await step.RunAsync(CancellationToken.None);
        var third = await store.GetProjectionAsync(model.Embedder.ModelId);

        Assert.Equal((20, 8), (first!.PaperCount, first.Rank));
        Assert.Equal(first.FittedAt, second!.FittedAt); // nothing new: not refitted
        Assert.Equal(25, third!.PaperCount);
        Assert.True(third.FittedAt > first.FittedAt);
    }

    private async Task<List<string>> EmbeddedAsync(PaperStore store, IEnumerable<string> ids)
    {
        var found = new List<string>();
        foreach (var id in ids)
            if (await store.GetEmbeddingAsync(id, model.Embedder.ModelId) is not null) found.Add(id);
        return found;
    }

    [Fact]
    public async Task RunRangeAsync_EmbedsOnlyItsRange_AndNothingOnRetry()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync(Papers(12));
        var pipeline = new EmbeddingPipeline(store, model.Embedder);

        var first = await pipeline.RunRangeAsync(new IdRange("2501.00004", "2501.00009"));
        var retry = await pipeline.RunRangeAsync(new IdRange("2501.00004", "2501.00009"));

        Assert.Equal(6, first.Embedded);
        Assert.Equal(0, retry.Embedded);
        Assert.Equal(6, await store.CountEmbeddingsAsync(model.Embedder.ModelId));
        Assert.NotNull(await store.GetEmbeddingAsync("2501.00004", model.Embedder.ModelId));
        Assert.Null(await store.GetEmbeddingAsync("2501.00003", model.Embedder.ModelId));
        Assert.Null(await store.GetEmbeddingAsync("2501.00010", model.Embedder.ModelId));
    }

    [Fact]
    public async Task EmbedNewPapersStep_RunsOneJobPerRangeAndWaits_WhenServerHasSpareWorkers()
    {
        await using var jobs = await JobHost.StartAsync(_dir, model.Embedder, workers: 2, rangeSize: 10);
        var host = jobs.Host;
        var store = host.Services.GetRequiredService<PaperStore>();
        await store.UpsertAsync(Papers(35));
        EmbedNewPapersStep.Poll = TimeSpan.FromMilliseconds(200);

        await ActivatorUtilities.CreateInstance<EmbedNewPapersStep>(host.Services).RunAsync(CancellationToken.None);

        Assert.Equal(35, await store.CountEmbeddingsAsync(model.Embedder.ModelId));
        var monitor = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var succeeded = monitor.SucceededJobs(0, 100).Select(j => j.Value.Job.Type).ToList();
        Assert.Equal(4, succeeded.Count(t => t == typeof(EmbedRangeJob))); // 35 papers in ranges of 10
    }

    [Fact]
    public async Task EmbedNewPapersStep_EmbedsInline_WhenNoSpareWorker()
    {
        await using var jobs = await JobHost.StartAsync(_dir, model.Embedder, workers: 0, rangeSize: 10);
        var host = jobs.Host;
        var store = host.Services.GetRequiredService<PaperStore>();
        await store.UpsertAsync(Papers(25));

        await ActivatorUtilities.CreateInstance<EmbedNewPapersStep>(host.Services).RunAsync(CancellationToken.None);

        Assert.Equal(25, await store.CountEmbeddingsAsync(model.Embedder.ModelId));
        Assert.Equal(0, host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount(EmbedRangeJob.Queue));
    }

    [Fact]
    public async Task EmbedNewPapersStep_EmbedsInline_WhenNoServerListensToTheEmbedQueue()
    {
        // Two workers, but on the default queue only: range jobs would wait forever, so none are made.
        await using var jobs = await JobHost.StartAsync(_dir, model.Embedder, workers: 2, rangeSize: 10, queues: ["default"]);
        var host = jobs.Host;
        var store = host.Services.GetRequiredService<PaperStore>();
        await store.UpsertAsync(Papers(25));

        await ActivatorUtilities.CreateInstance<EmbedNewPapersStep>(host.Services).RunAsync(CancellationToken.None);

        Assert.Equal(25, await store.CountEmbeddingsAsync(model.Embedder.ModelId));
        Assert.Equal(0, host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount(EmbedRangeJob.Queue));
    }

    private static List<Papers.Paper> Papers(int n) =>
        [.. Enumerable.Range(1, n).Select(i => Make($"2501.{i:00000}", $"Paper {i} on sparse graph learning"))];

    /// <summary>Papers over a year of listings: ids grow with the listing date, as arXiv assigns them.</summary>
    private static List<Papers.Paper> Dated(int n) =>
        [.. Enumerable.Range(0, n).Select(i =>
        {
            var listed = new DateOnly(2024, 1, 8).AddDays(12 * i);
            return Make($"{listed:yyMM}.{10_000 + i:00000}", $"Paper {i} on sparse graph learning", listed: listed);
        })];

    /// <summary>Pre-2007 ids: older than every new-style id, whatever their string order.</summary>
    private static readonly Papers.Paper[] OldStyle =
    [
        Make("hep-th/9901001", "Strings", listed: new DateOnly(1999, 1, 4)),
        Make("math/0601001", "Knots", listed: new DateOnly(2006, 1, 3)),
    ];
}

/// <summary>A Hangfire server on SQLite in a generic host; disposing it also detaches Hangfire's process-wide logging from the host.</summary>
internal sealed class JobHost(IHost host) : IAsyncDisposable
{
    public IHost Host => host;

    /// <param name="queues">What the server listens to; the indexer's are the default and the embed queue.</param>
    public static async Task<JobHost> StartAsync(TempDir dir, IEmbedder embedder, int workers, int rangeSize, string[]? queues = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPaperStore(dir.Sub("store"));
        builder.Services.AddSingleton(embedder);
        builder.Services.AddSingleton<EmbeddingPipeline>();
        builder.Services.AddPaperSearchJobs();
        builder.Services.Configure<JobsOptions>(o => o.EmbedRangeSize = rangeSize);
        builder.Services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseSQLiteStorage(dir.Sub("hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(200) }));
        if (workers > 0) builder.Services.AddHangfireServer(o => (o.WorkerCount, o.Queues) = (workers, queues ?? ["default", EmbedRangeJob.Queue]));
        var host = builder.Build();
        await host.StartAsync();
        // The server announces itself in the storage a moment after start; the step counts announced workers.
        var monitor = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var waited = 0; workers > 0 && monitor.Servers().Sum(s => s.WorkersCount) < workers; waited += 50)
        {
            if (waited > 30_000) throw new TimeoutException($"the Hangfire server with {workers} workers did not announce itself in 30 s");
            await Task.Delay(50);
        }
        return new JobHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        // AddHangfire pointed Hangfire's static log provider at this host's (now disposed) logger factory.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }
}
