using System.Globalization;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using PaperSearch.Indexer.Harvest;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// A new instance's first harvest as every process of the deployment sees it: the window and sets it covers, how far it
/// got, and the Hangfire state of its job. <see cref="Active"/> while the job waits, runs or waits for a retry.
/// </summary>
public sealed record FirstHarvestState(
    string JobId, DateOnly From, int Days, IReadOnlyList<string> Sets, string? State,
    int Added, int Pages, string? Set, long? ListSize, DateTimeOffset QueuedAt)
{
    // Hangfire's state names are static fields, not constants, so they cannot be patterns.
    private static readonly HashSet<string> InFlight =
        [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    public bool Active => State is not null && InFlight.Contains(State);

    /// <summary>Waiting for a retry after a failed attempt.</summary>
    public bool Retrying => State == ScheduledState.StateName;

    /// <summary>Queued, not yet past its first page.</summary>
    public bool Waiting => (State == EnqueuedState.StateName || State == AwaitingState.StateName) && Pages == 0;

    public bool Failed => State == FailedState.StateName;

    public bool Succeeded => State == SucceededState.StateName;

    public bool Running => State == ProcessingState.StateName;
}

/// <summary>
/// The one record of the first harvest, kept in Hangfire's storage (a hash beside the jobs), because that is what the
/// job-running process and every web replica already share: the starter writes the plan, the job its progress after
/// each committed page, and the pages read it. It is not a second harvester: the job is <see cref="HarvestJob"/>'s
/// first-run overload, which harvests like the schedule does and leaves the night as its continuation.
/// </summary>
public sealed class FirstHarvest(JobStorage storage, IBackgroundJobClient jobs, TimeProvider time)
{
    private const string Key = "papersearch:first-harvest";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Enqueues the first harvest of the last <paramref name="days"/> days unless one was already queued: waiting,
    /// running, retrying or succeeded, the existing one stands (a restart never queues a second one; a run killed with
    /// the process is picked up again by Hangfire and resumes from its checkpoint). Only one that failed for good, was
    /// deleted, or has expired from the storage is queued again, and that resumes from its checkpoint too. The caller
    /// decides that the store is empty.
    /// </summary>
    /// <returns>The first harvest in force, and whether this call queued it.</returns>
    public (FirstHarvestState State, bool Queued) StartOnce(int days, IReadOnlyList<string> sets)
    {
        using var connection = storage.GetConnection();
        // Two job-running processes starting together over one storage must not both enqueue.
        using var _ = connection.AcquireDistributedLock(Key + ":start", LockTimeout);
        if (Read(connection) is { } existing && (existing.Active || existing.Succeeded)) return (existing, false);

        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-days);
        var fromText = from.ToString(DateFormat, CultureInfo.InvariantCulture);
        var id = jobs.Enqueue<HarvestJob>(j => j.RunAsync(fromText, null, CancellationToken.None));
        connection.SetRangeInHash(Key, new Dictionary<string, string>
        {
            ["JobId"] = id, ["From"] = fromText, ["Days"] = Invariant(days), ["Sets"] = string.Join(',', sets),
            ["QueuedAt"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["Added"] = "0", ["Pages"] = "0", ["Set"] = "", ["ListSize"] = "",
        });
        return (Read(connection)!, true);
    }

    /// <summary>The first harvest, or null when this instance never started one (it had papers, or it does not harvest).</summary>
    public FirstHarvestState? Read()
    {
        using var connection = storage.GetConnection();
        return Read(connection);
    }

    /// <summary>Called by the job after each committed page: the papers added so far over all sets, and where it is.</summary>
    internal void Report(int added, int pages, HarvestProgress page)
    {
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(Key, new Dictionary<string, string>
        {
            ["Added"] = Invariant(added), ["Pages"] = Invariant(pages), ["Set"] = page.Set,
            ["ListSize"] = page.CompleteListSize is { } size ? Invariant(size) : "",
        });
    }

    private const string DateFormat = "yyyy-MM-dd";

    private static FirstHarvestState? Read(IStorageConnection connection)
    {
        var h = connection.GetAllEntriesFromHash(Key);
        if (h is null || !h.TryGetValue("JobId", out var id) || string.IsNullOrEmpty(id)) return null;
        // A succeeded job leaves the storage after Hangfire's expiry (a day): then its state reads null.
        var state = connection.GetJobData(id)?.State;
        return new FirstHarvestState(
            id,
            DateOnly.ParseExact(h.GetValueOrDefault("From", "2000-01-01"), DateFormat, CultureInfo.InvariantCulture),
            IntOf(h, "Days"),
            h.GetValueOrDefault("Sets", "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            state,
            IntOf(h, "Added"),
            IntOf(h, "Pages"),
            h.GetValueOrDefault("Set") is { Length: > 0 } set ? set : null,
            long.TryParse(h.GetValueOrDefault("ListSize"), CultureInfo.InvariantCulture, out var size) ? size : null,
            DateTimeOffset.TryParse(h.GetValueOrDefault("QueuedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default);
    }

    private static int IntOf(Dictionary<string, string> h, string field) =>
        int.TryParse(h.GetValueOrDefault(field), CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
