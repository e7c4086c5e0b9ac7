using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaperSearch.Indexer.Embeddings;

namespace PaperSearch.Indexer.Jobs;

public static class RecurringJobs
{
    /// <summary>
    /// Adds or updates <c>harvest-arxiv</c> and <c>nightly-reindex</c> with the configured crons (UTC); an empty cron
    /// removes the job. The nightly job also follows every successful harvest (<see cref="HarvestJob"/>); its own
    /// schedule serves instances that do not harvest and is a no-op after a harvest's night. Call once at startup of
    /// the process that hosts the Hangfire server.
    /// </summary>
    public static void Register(IRecurringJobManager jobs, JobsOptions options)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        if (string.IsNullOrWhiteSpace(options.HarvestCron)) jobs.RemoveIfExists(HarvestJob.Id);
        else jobs.AddOrUpdate<HarvestJob>(HarvestJob.Id, j => j.RunAsync(null, CancellationToken.None), options.HarvestCron, utc);

        if (string.IsNullOrWhiteSpace(options.ReindexCron)) jobs.RemoveIfExists(NightlyIndexJob.Id);
        else jobs.AddOrUpdate<NightlyIndexJob>(NightlyIndexJob.Id, j => j.RunAsync(CancellationToken.None), options.ReindexCron, utc);
    }

    /// <summary>
    /// The job classes, the nightly steps (their order is written in <see cref="NightlyIndexJob"/>) and
    /// <see cref="JobsOptions"/> (section <c>Jobs</c>). Hangfire itself (storage, server) is added by the host, and so
    /// are the services the steps use: the index, the store, the embedder, the vector catalog. Where the role does not
    /// <paramref name="write"/> the index (a worker, a web replica) only the embedding range job is added: the others
    /// need the index writer, which only writing roles have.
    /// </summary>
    public static IServiceCollection AddPaperSearchJobs(this IServiceCollection services, bool write = true)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddTransient<EmbedRangeJob>();
        // Read by every role that shows the site, written by the job-running one.
        services.TryAddSingleton<FirstHarvest>();
        services.TryAddSingleton(TimeProvider.System);
        if (write)
        {
            services.TryAddTransient<HarvestJob>();
            services.TryAddTransient<NightlyIndexJob>();
            services.TryAddTransient<IndexCatchUpStep>();
            services.TryAddTransient<IndexMergeStep>();
            services.TryAddTransient<EmbedNewPapersStep>();
            services.TryAddTransient<RefitCompressionStep>();
        }
        services.TryAddSingleton<EmbeddingPipeline>();
        services.TryAddSingleton<CompressionFitter>();
        return services;
    }
}
