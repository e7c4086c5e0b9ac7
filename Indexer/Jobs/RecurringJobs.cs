using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaperSearch.Indexer.Jobs;

public static class RecurringJobs
{
    /// <summary>
    /// Adds or updates <c>harvest-arxiv</c> and <c>nightly-reindex</c> with the configured crons (UTC); an empty cron
    /// removes the job. Call once at startup of the process that hosts the Hangfire server.
    /// </summary>
    public static void Register(IRecurringJobManager jobs, JobsOptions options)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        if (string.IsNullOrWhiteSpace(options.HarvestCron)) jobs.RemoveIfExists(HarvestJob.Id);
        else jobs.AddOrUpdate<HarvestJob>(HarvestJob.Id, j => j.RunAsync(CancellationToken.None), options.HarvestCron, utc);

        if (string.IsNullOrWhiteSpace(options.ReindexCron)) jobs.RemoveIfExists(NightlyIndexJob.Id);
        else jobs.AddOrUpdate<NightlyIndexJob>(NightlyIndexJob.Id, j => j.RunAsync(CancellationToken.None), options.ReindexCron, utc);
    }

    /// <summary>
    /// The job classes, the built-in nightly steps and <see cref="JobsOptions"/> (section <c>Jobs</c>). Other features
    /// add theirs with <c>services.TryAddEnumerable(ServiceDescriptor.Transient&lt;INightlyStep, MyStep&gt;())</c>.
    /// Hangfire itself is added by the host.
    /// </summary>
    public static IServiceCollection AddPaperSearchJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.TryAddTransient<HarvestJob>();
        services.TryAddTransient<NightlyIndexJob>();
        services.TryAddTransient<EmbedRangeJob>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<INightlyStep, IndexCatchUpStep>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<INightlyStep, IndexMergeStep>());
        return services;
    }
}
