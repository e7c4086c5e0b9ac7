namespace PaperSearch.Web.Hosting;

/// <summary>
/// What one process of the deployment does (<c>--role</c>, configuration <c>PaperSearch:Role</c>). One executable for
/// every role, so an embedded install and a scale-out deployment run the same code.
/// </summary>
public enum ProcessRole
{
    /// <summary>Everything in one process (the embedded default).</summary>
    All,
    /// <summary>Hangfire server, recurring jobs, store migrations and the only Lucene writer; serves health and /jobs.</summary>
    Indexer,
    /// <summary>
    /// UI, REST API and feeds, read-only towards the store: no job server, no migrations. Its index is the indexer's published
    /// generation (<c>Index:Source=published</c>) or its own, built and followed from the store (<c>Index:Source=store</c>).
    /// </summary>
    Web,
    /// <summary>
    /// A Hangfire server for the embedding range jobs only (queue <see cref="ProcessRoles.EmbedQueue"/>): no index writer,
    /// no recurring jobs, no site, no migrations; serves health. Start any number beside the indexer to spread a large
    /// embedding backlog over more cores or machines.
    /// </summary>
    Worker,
}

public static class ProcessRoles
{
    public static readonly string[] Names = ["all", "indexer", "web", "worker"];

    /// <summary>The Hangfire queue of the embedding range jobs, which every job-running role listens to.</summary>
    public const string EmbedQueue = PaperSearch.Indexer.Jobs.EmbedRangeJob.Queue;

    /// <summary>Migrates the store, owns the index writer and schedules the recurring jobs.</summary>
    public static bool Writes(this ProcessRole role) => role is ProcessRole.All or ProcessRole.Indexer;

    /// <summary>Runs a Hangfire server.</summary>
    public static bool RunsJobs(this ProcessRole role) => role != ProcessRole.Web;

    /// <summary>The Hangfire queues the role's server takes jobs from, most urgent first.</summary>
    public static string[] JobQueues(this ProcessRole role) => role == ProcessRole.Worker ? [EmbedQueue] : ["default", EmbedQueue];

    /// <summary>Serves the site: pages, REST API, feeds.</summary>
    public static bool ServesSite(this ProcessRole role) => role is ProcessRole.All or ProcessRole.Web;

    public static bool TryParse(string? text, out ProcessRole role)
    {
        role = ProcessRole.All;
        return text is not null && Names.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out role);
    }

    /// <summary>The configured role (<c>PaperSearch:Role</c>, default all); an unknown name stops the start with the valid ones.</summary>
    public static ProcessRole Of(IConfiguration configuration)
    {
        var text = configuration[PaperSearchOptions.Section + ":" + nameof(PaperSearchOptions.Role)];
        if (string.IsNullOrWhiteSpace(text)) return ProcessRole.All;
        return TryParse(text, out var role)
            ? role
            : throw new InvalidOperationException($"PaperSearch:Role is '{text}'; use one of: {string.Join(", ", Names)}.");
    }
}
