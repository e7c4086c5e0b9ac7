using PaperSearch.Indexer.Store;

namespace PaperSearch.Indexer.Harvest;

public static class PaperStoreHarvestExtensions
{
    /// <summary>The newest harvest run (of any set), for <c>stats</c> and <c>/api/stats</c>; null before the first.</summary>
    public static async Task<HarvestRun?> GetLastHarvestRunAsync(this PaperStore store, CancellationToken ct = default) =>
        (await store.GetRecentRunsAsync(1, null, ct)).FirstOrDefault();
}
