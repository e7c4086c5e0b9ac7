using PaperSearch.Indexer.Harvest;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>Test double at the sink seam: applies each page atomically under a lock and counts every upsert per id.</summary>
public sealed class MemoryHarvestSink : IHarvestSink
{
    private readonly Lock _lock = new();
    public Dictionary<string, Paper> Papers { get; } = [];
    public Dictionary<string, HarvestCheckpoint> Checkpoints { get; } = [];
    public List<HarvestRun> Runs { get; } = [];
    public List<IReadOnlyList<string>> CommittedPages { get; } = [];

    public Task<HarvestCheckpoint?> LoadCheckpointAsync(string key, CancellationToken ct)
    {
        lock (_lock) return Task.FromResult(Checkpoints.GetValueOrDefault(key));
    }

    public Task<UpsertCounts> CommitPageAsync(IReadOnlyList<Paper> papers, IReadOnlyList<string> deletedIds, HarvestCheckpoint checkpoint, CancellationToken ct)
    {
        lock (_lock)
        {
            int added = 0, updated = 0, deleted = 0;
            foreach (var p in papers)
            {
                if (Papers.TryAdd(p.Id, p)) added++;
                else { Papers[p.Id] = p; updated++; }
            }
            foreach (var id in deletedIds) if (Papers.Remove(id)) deleted++;
            Checkpoints[checkpoint.Key] = checkpoint;
            CommittedPages.Add([.. papers.Select(p => p.Id)]);
            return Task.FromResult(new UpsertCounts(added, updated, 0, deleted));
        }
    }

    public Task RecordRunAsync(HarvestRun run, CancellationToken ct)
    {
        lock (_lock) Runs.Add(run);
        return Task.CompletedTask;
    }

    public Task<HarvestRun?> GetLastRunAsync(string? key, CancellationToken ct)
    {
        lock (_lock) return Task.FromResult(Runs.LastOrDefault(r => key is null || r.Key == key));
    }
}
