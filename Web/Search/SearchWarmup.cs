namespace PaperSearch.Web.Search;

/// <summary>
/// Runs one search right after start: the first SmartCn analysis loads its dictionaries (~0.5 s) and the first
/// Lucene/EF queries JIT their paths; a visitor should not pay for that.
/// </summary>
public sealed class SearchWarmup(SearchService search, ILogger<SearchWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await search.SearchAsync(SearchRequest.For("neural network 神经网络", SearchMode.Bm25, size: 5), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogWarning(e, "Search warm-up failed; the first real query will be slower.");
        }
    }
}
