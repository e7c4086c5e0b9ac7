using Hangfire;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// One unit of the nightly embedding: the papers of an id range that lack a vector. Small arguments (two ids) and
/// reentrant: a retry, or a crash and a rerun, embeds only what is still missing; nothing is embedded twice into
/// the store because vectors are upserted by (paper, model).
/// </summary>
[AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class EmbedRangeJob(EmbeddingPipeline pipeline, IEmbedder embedder, ILogger<EmbedRangeJob> logger)
{
    /// <summary>
    /// Its own queue, so worker processes (role <c>worker</c>) can take these jobs and nothing else; the indexer
    /// listens to it too, after its default queue.
    /// </summary>
    public const string Queue = "embed";

    [Queue(Queue)]
    public async Task RunAsync(string fromId, string toId, CancellationToken ct)
    {
        if (!embedder.IsAvailable) return;
        var s = await pipeline.RunRangeAsync(new IdRange(fromId, toId), ct);
        logger.LogInformation("Embedded {Count} papers in {From} … {To} ({Rate:N1} papers/s)", s.Embedded, fromId, toId, s.PapersPerSecond);
    }
}
