using Microsoft.Extensions.Diagnostics.HealthChecks;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Web.Hardening;

/// <summary>The store answers a query.</summary>
internal sealed class StoreHealthCheck(PaperStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var papers = await store.CountAsync(ct);
        return HealthCheckResult.Healthy($"{papers:N0} papers", new Dictionary<string, object> { ["papers"] = papers });
    }
}

/// <summary>
/// The index is open and searchable; degraded (still serving) while the startup check catches a new or lost index up
/// with the store or repairs it, with its progress as the description.
/// </summary>
internal sealed class IndexHealthCheck(PaperSearcher index, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var stats = index.Stats();
        var data = new Dictionary<string, object> { ["documents"] = stats.NumDocs, ["committedSeq"] = stats.CommittedSeq };
        // Only the writer (roles all and indexer) runs a startup check; a replica follows the indexer's commits.
        // A replica that follows the store (Index:Source=store) reports its own build from the store instead.
        var working = services.GetService<IndexStartupCheck>()?.Progress ?? services.GetService<StoreFollower>()?.Progress;
        return Task.FromResult(working is not null
            ? HealthCheckResult.Degraded($"{stats.NumDocs:N0} documents, {working}", data: data)
            : HealthCheckResult.Healthy($"{stats.NumDocs:N0} documents", data));
    }
}

/// <summary>Without a model, search still answers in BM25 order: degraded, not down.</summary>
internal sealed class ModelHealthCheck(IEmbedder embedder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(embedder.IsAvailable
            ? HealthCheckResult.Healthy($"model {embedder.ModelId} loaded")
            : HealthCheckResult.Degraded("No embedding model (disabled or not loadable): searches run in BM25 order."));
}
