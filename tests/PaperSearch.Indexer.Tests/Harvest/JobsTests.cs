using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

[Collection(HangfireCollection.Name)]
public sealed class JobsTests
{
    [Theory, SqliteStore, PostgresStore]
    public async Task HarvestJob_HarvestsFromServerThenRunsTheNight_WhenRecurringCronFires(StoreKind kind)
    {
        using var dir = new TempDir("jobs");
        await using var postgres = kind == StoreKind.Postgres ? await TestPostgres.CreateAsync("jobs") : null;
        await using var server = await FakeOaiServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The store and Hangfire's storage on the same provider, as the host wires them.
            ["PaperSearch:Store"] = kind == StoreKind.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings:PaperSearch"] = postgres?.ConnectionString,
            ["Harvest:Endpoint"] = server.Endpoint.ToString(),
            ["Harvest:Sets:0"] = "cs",
            ["Harvest:MinRequestSpacing"] = "00:00:00",
            ["Jobs:HarvestCron"] = "*/2 * * * * *", // every 2 s (Hangfire 1.8 takes a seconds field)
            ["Jobs:ReindexCron"] = "", // so a nightly run can only be the harvest's continuation
        });
        builder.Services.AddPaperStore(dir.Sub("store"));
        builder.Services.AddPaperIndex(writes: true);
        builder.Services.AddOaiHarvest();
        AddNightDependencies(builder.Services);
        builder.Services.AddPaperSearchJobs();
        builder.Services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(Storage(dir, postgres)));
        builder.Services.AddHangfireServer(o => { o.WorkerCount = 1; o.SchedulePollingInterval = TimeSpan.FromSeconds(1); });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var options = host.Services.GetRequiredService<IConfiguration>().GetSection(JobsOptions.Section).Get<JobsOptions>()!;
            RecurringJobs.Register(host.Services.GetRequiredService<IRecurringJobManager>(), options);

            var store = host.Services.GetRequiredService<PaperStore>();
            var deadline = DateTime.UtcNow.AddSeconds(40);
            HarvestRun? run = null;
            while (DateTime.UtcNow < deadline && (run = (await store.GetRecentRunsAsync(1)).FirstOrDefault()) is null)
                await Task.Delay(250);

            Assert.NotNull(run);
            Assert.Null(run.Error);
            Assert.Equal(FakeOaiServer.Matching("arXiv", "cs").Select(r => r.Id).ToHashSet(), await store.IdsAsync());
            using var connection = JobStorage.Current.GetConnection();
            var recurring = connection.GetRecurringJobs();
            Assert.Contains(recurring, j => j.Id == HarvestJob.Id);
            Assert.DoesNotContain(recurring, j => j.Id == NightlyIndexJob.Id);

            // The night follows the harvest as its continuation, although it has no schedule of its own here.
            var monitor = JobStorage.Current.GetMonitoringApi();
            var night = default(KeyValuePair<string, SucceededJobDto>?);
            while (DateTime.UtcNow < deadline && (night = monitor.SucceededJobs(0, 100)
                       .FirstOrDefault(j => j.Value.Job?.Type == typeof(NightlyIndexJob))).Value.Key is null)
                await Task.Delay(250);
            Assert.NotNull(night?.Key);
            var parent = monitor.JobDetails(night!.Value.Key).History
                .Select(h => h.Data.TryGetValue("ParentId", out var id) ? id : null).FirstOrDefault(id => id is not null);
            Assert.NotNull(parent);
            Assert.Equal(typeof(HarvestJob), monitor.JobDetails(parent).Job.Type);
            Assert.Equal(await store.CountAsync(), host.Services.GetRequiredService<PaperIndexWriter>().Searcher.Stats().NumDocs);
        }
        finally
        {
            await host.StopAsync();
            // AddHangfire pointed Hangfire's static log provider at this host's logger factory, disposed with the host.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        }
    }

    [Fact]
    public void AddPaperSearchJobs_RegistersTheNightAsCatchUpMergeEmbedRefit_InThatOrder()
    {
        using var dir = new TempDir("jobs");
        using var services = NightServices(dir);

        var job = services.GetRequiredService<NightlyIndexJob>();

        Assert.Equal(["index-catch-up", "index-merge", "embed-new-papers", "refit-compression"], job.Steps.Select(s => s.Name));
        Assert.Equal([typeof(IndexCatchUpStep), typeof(IndexMergeStep), typeof(EmbedNewPapersStep), typeof(RefitCompressionStep)],
            job.Steps.Select(s => s.GetType()));
    }

    [Fact]
    public async Task NightlyIndexJob_RunsStepsInWrittenOrderAndStops_WhenAStepFails()
    {
        var ran = new List<string>();
        var steps = new INightlyStep[] { new Step("index", ran), new Step("embed", ran, fail: true), new Step("refit", ran) };
        var job = new NightlyIndexJob(steps, Microsoft.Extensions.Logging.Abstractions.NullLogger<NightlyIndexJob>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(CancellationToken.None));

        Assert.Equal(["index", "embed"], ran);
    }

    [Fact]
    public async Task NightlyIndexJob_SecondRunChangesNothing_WhenRunTwiceInARow()
    {
        using var dir = new TempDir("jobs");
        using var services = NightServices(dir);
        var store = services.GetRequiredService<PaperStore>();
        await store.MigrateAsync();
        await store.UpsertAsync([.. Enumerable.Range(1, 30).Select(i => TestPapers.Make($"2501.{i:00000}", $"Paper {i}"))]);
        var index = services.GetRequiredService<PaperIndexWriter>();

        await services.GetRequiredService<NightlyIndexJob>().RunAsync(CancellationToken.None);
        var first = index.Searcher.Stats();
        await services.GetRequiredService<NightlyIndexJob>().RunAsync(CancellationToken.None);
        var second = index.Searcher.Stats();

        Assert.Equal(30, first.NumDocs);
        Assert.Equal(first, second);
    }

    /// <summary>What the night needs beside the store, the index and Hangfire: no embedding model, so those steps skip.</summary>
    private static void AddNightDependencies(IServiceCollection services)
    {
        services.AddLogging();
        services.AddSingleton<IEmbedder>(new NullEmbedder("none in this test"));
        services.AddSingleton<VectorCatalog>();
    }

    /// <summary>The container a job-running host builds for the nightly job, on SQLite, with Hangfire storage but no server.</summary>
    private static ServiceProvider NightServices(TempDir dir)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddPaperStore(dir.Sub("store"));
        services.AddPaperIndex(writes: true);
        AddNightDependencies(services);
        services.AddPaperSearchJobs();
        var storage = new SQLiteStorage(dir.Sub("hangfire.db"));
        services.AddSingleton<JobStorage>(storage);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
        return services.BuildServiceProvider();
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Register_UsesConfiguredCronsInUtc_WhenBothGiven(StoreKind kind)
    {
        using var dir = new TempDir("jobs");
        await using var postgres = kind == StoreKind.Postgres ? await TestPostgres.CreateAsync("jobs") : null;
        var storage = Storage(dir, postgres);
        var manager = new RecurringJobManager(storage);

        RecurringJobs.Register(manager, new JobsOptions { HarvestCron = "0 3 * * *", ReindexCron = "15 5 * * *" });

        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        Assert.Equal("0 3 * * *", jobs[HarvestJob.Id].Cron);
        Assert.Equal("15 5 * * *", jobs[NightlyIndexJob.Id].Cron);
        Assert.Equal("UTC", jobs[HarvestJob.Id].TimeZoneId);
        Assert.Equal(3, jobs[HarvestJob.Id].NextExecution!.Value.Hour);
    }

    /// <summary>Hangfire's storage for the provider: SQLite beside the store, or Hangfire.PostgreSql in schema <c>hangfire</c>.</summary>
    private static JobStorage Storage(TempDir dir, TestPostgres? postgres)
    {
        // The default 15 s queue poll would make a fired job wait longer than the test does.
        var poll = TimeSpan.FromSeconds(1);
        if (postgres is null) return new SQLiteStorage(dir.Sub("hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = poll });
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = poll };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(postgres.ConnectionString, options), options);
    }

    private sealed class Step(string name, List<string> ran, bool fail = false) : INightlyStep
    {
        public string Name => name;
        public Task RunAsync(CancellationToken ct)
        {
            ran.Add(name);
            return fail ? throw new InvalidOperationException(name + " failed") : Task.CompletedTask;
        }
    }
}

/// <summary>Hangfire keeps its storage in a process-wide static (JobStorage.Current): hosts in parallel tests would swap it under each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "hangfire";
}
