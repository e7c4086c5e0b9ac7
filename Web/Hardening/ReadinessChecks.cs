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

/// <summary>The index is open and searchable.</summary>
internal sealed class IndexHealthCheck(PaperIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var stats = index.Stats();
        return Task.FromResult(HealthCheckResult.Healthy($"{stats.NumDocs:N0} documents",
            new Dictionary<string, object> { ["documents"] = stats.NumDocs, ["committedSeq"] = stats.CommittedSeq }));
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
