using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Jobs;

namespace PaperSearch.Web.Status;

/// <summary>What a new instance tells its readers on every page: that it is empty, or what its first harvest is doing.</summary>
/// <param name="Papers">Papers searches can see (the index's documents).</param>
public sealed record InstanceNoticeState(long Papers, FirstHarvestState? Harvest)
{
    public bool Harvesting => Harvest is { Active: true };

    public bool Empty => Papers == 0;

    public bool Show => Empty || Harvesting;

    /// <summary>Changes whenever the notice would read differently; page validators (ETags) include it.</summary>
    public string Version => Show ? $"{Papers}|{Harvest?.State}|{Harvest?.Added}" : "";
}

/// <summary>
/// The notice's state, read from the index (cheap) and the first harvest's record in Hangfire's storage, which every
/// role that serves the site shares with the one that harvests. Reused for <see cref="Reuse"/>: every page asks.
/// </summary>
public sealed class InstanceNotice(PaperSearcher index, FirstHarvest first, ILogger<InstanceNotice> logger)
{
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private (DateTime At, InstanceNoticeState State)? _last;

    public InstanceNoticeState Current()
    {
        lock (_gate)
        {
            if (_last is { } l && DateTime.UtcNow - l.At < Reuse) return l.State;
        }
        var state = new InstanceNoticeState(index.Stats().NumDocs, ReadHarvest());
        lock (_gate) _last = (DateTime.UtcNow, state);
        return state;
    }

    private FirstHarvestState? ReadHarvest()
    {
        try
        {
            return first.Read();
        }
        catch (Exception e)
        {
            // The notice is a courtesy: a job storage that cannot be read must not take every page down with it.
            logger.LogWarning(e, "Could not read the first harvest's state from the job storage");
            return null;
        }
    }
}
