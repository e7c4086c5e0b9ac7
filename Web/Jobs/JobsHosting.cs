using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Indexer.Store;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Jobs;

public static class JobsHosting
{
    public const string DashboardPath = "/jobs";

    /// <summary>
    /// Hangfire with persistent storage that follows the store (SQLite <c>{data}/hangfire.db</c>, or PostgreSQL schema
    /// <c>hangfire</c> on the store's server), its server inside this process (<c>Jobs:Workers</c>, default one: jobs
    /// are I/O-polite or CPU-heavy, never many at once), and Indexer's jobs and nightly steps. A web replica gets the storage only
    /// (for the read-only dashboard): no server, so it never runs a job, and it never prepares the schema. A worker
    /// runs a server on the embedding queue only.
    /// </summary>
    public static WebApplicationBuilder AddPaperSearchHangfire(this WebApplicationBuilder builder, ProcessRole role = ProcessRole.All)
    {
        builder.Services.AddPaperSearchJobs(write: role.Writes());
        builder.Services.AddHangfire((sp, c) => UseStorage(c
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings(), sp.GetRequiredService<IOptions<StoreOptions>>().Value, role));
        if (!role.RunsJobs()) return builder;
        // Where the recurring jobs are scheduled (all, indexer), not in an embedding worker.
        if (role.Writes()) builder.Services.AddHostedService<FirstHarvestStart>();
        builder.AddLocalDashboardListener(role);
        builder.Services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = sp.GetRequiredService<IOptions<JobsOptions>>().Value.Workers;
            o.Queues = role.JobQueues();
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            o.ServerName = $"papersearch-{role.ToString().ToLowerInvariant()}-{Environment.MachineName}";
        });
        return builder;
    }

    // The default 15 s queue poll of both storages makes a manual trigger feel broken.
    private static readonly TimeSpan QueuePoll = TimeSpan.FromSeconds(1);

    private static void UseStorage(IGlobalConfiguration c, StoreOptions store, ProcessRole role)
    {
        if (store.Provider == StoreProvider.Postgres)
            c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(PostgresConnection.Normalise(store.ConnectionString!)),
                new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = QueuePoll, PrepareSchemaIfNecessary = role.Writes() });
        else
            c.UseSQLiteStorage(DataPaths.JobStorage(Path.GetFullPath(store.DataDir)), new SQLiteStorageOptions { QueuePollInterval = QueuePoll });
    }

    /// <summary>
    /// Registers the recurring jobs from configuration (where the role runs jobs) and maps the dashboard behind
    /// <see cref="DashboardAccess"/>, read-only in a web replica.
    /// </summary>
    public static WebApplication MapJobs(this WebApplication app, ProcessRole role = ProcessRole.All)
    {
        var options = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        if (role.Writes()) RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>(), options);

        var access = new DashboardAccess(options);
        var localUrl = LocalDashboardListener.UrlOf(app.Configuration, role);
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(DashboardPath), branch => branch.UseDashboardGate(access, localUrl));
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [access],
            DashboardTitle = "PaperSearch jobs",
            AppPath = role.ServesSite() ? "/status" : null,
            IsReadOnlyFunc = _ => !role.Writes(),
        });
        return app;
    }
}
