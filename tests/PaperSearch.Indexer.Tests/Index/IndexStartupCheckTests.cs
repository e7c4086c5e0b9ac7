using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Index;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>
/// The host's start-time check: a short catch-up finishes before the server listens; a long one (a new or lost
/// index folder over a big store) runs in the background with its progress on show, and ends consistent.
/// </summary>
public sealed class IndexStartupCheckTests : IDisposable
{
    private const int Papers = 5_000;
    private readonly TempDir _dir = new("startup-check");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Start_CatchesUpInTheBackground_WhenIndexIsFurtherBehindThanTheLimit()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync(Enumerable.Range(1, Papers).Select(i => Make($"2502.{i:00000}", $"Sparse attention study {i}")).ToList());
        using var index = new PaperIndexWriter(_dir.Sub("index"), store); // a new index folder: Seq 0
        var check = new IndexStartupCheck(index, store, Options.Create(new IndexOptions { StartupCatchUpLimit = 1_000 }),
            NullLogger<IndexStartupCheck>.Instance);

        await check.StartAsync(CancellationToken.None);

        // Start returned before 5,000 papers could be indexed (that takes seconds), and says what is going on.
        Assert.False(check.Completion.IsCompleted);
        Assert.StartsWith("catching up with the store: Seq ", check.Progress);
        var result = await check.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(result.Consistent);
        Assert.Equal(Papers, index.Searcher.Stats().NumDocs);
        Assert.Equal(await store.MaxSeqAsync(), index.CommittedSeq);
        Assert.Null(check.Progress);
        await check.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Start_CatchesUpBeforeReturning_WhenIndexIsWithinTheLimit()
    {
        var store = await OpenStoreAsync(_dir);
        await store.UpsertAsync(Enumerable.Range(1, 300).Select(i => Make($"2502.{i:00000}", $"Sparse attention study {i}")).ToList());
        using var index = new PaperIndexWriter(_dir.Sub("index"), store);
        var check = new IndexStartupCheck(index, store, Options.Create(new IndexOptions()), NullLogger<IndexStartupCheck>.Instance);

        await check.StartAsync(CancellationToken.None);

        Assert.True(check.Completion.IsCompletedSuccessfully);
        Assert.Null(check.Progress);
        Assert.Equal(300, index.Searcher.Stats().NumDocs);
        await check.StopAsync(CancellationToken.None);
    }
}
