using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

[Collection(HangfireCollection.Name)]
public sealed class JobsTests
{
    [Theory, SqliteStore, PostgresStore]
    public async Task HarvestJob_HarvestsFromServer_WhenRecurringCronFires(StoreKind kind)
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
            ["Jobs:ReindexCron"] = "",
        });
        builder.Services.AddPaperStore(dir.Sub("store"));
        builder.Services.AddPaperIndex();
        builder.Services.AddOaiHarvest();
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
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task NightlyIndexJob_RunsStepsInOrder_WhenStepsRegisteredOutOfOrder()
    {
        var ran = new List<string>();
        var steps = new INightlyStep[] { new Step(300, "refit", ran), new Step(100, "index", ran), new Step(200, "embed", ran) };
        var job = new NightlyIndexJob(steps, Microsoft.Extensions.Logging.Abstractions.NullLogger<NightlyIndexJob>.Instance);

        await job.RunAsync(CancellationToken.None);

        Assert.Equal(["index", "embed", "refit"], ran);
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

    private sealed class Step(int order, string name, List<string> ran) : INightlyStep
    {
        public int Order => order;
        public string Name => name;
        public Task RunAsync(CancellationToken ct)
        {
            ran.Add(name);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Hangfire keeps its storage in a process-wide static (JobStorage.Current): hosts in parallel tests would swap it under each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "hangfire";
}
