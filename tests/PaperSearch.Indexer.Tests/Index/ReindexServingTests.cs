using PaperSearch.Categories;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Tests.Import;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>Readers during a reindex: every search answers from a complete index, the old one until the swap, then the new.</summary>
public sealed class ReindexServingTests
{
    [Fact]
    public async Task Search_AnswersFullCounts_WhileReindexBuildsNewGeneration()
    {
        using var dir = new TempDir("reindex-serving");
        var store = await TestPapers.OpenStoreAsync(dir);
        using var index = await PaperIndexWriter.OpenAsync(dir.Sub("index"), store);
        await new Importer(store, index).ImportAsync([CorpusSample.FirstLines(SharedData.Corpus, 3000, dir, "sample.jsonl")]);
        IndexSearchRequest[] requests =
        [
            new(null, Count: 1),                                                  // everything
            new(PaperQuery.Parse("image segmentation"), Count: 1),                               // free text
            new(null, CategoryExpression.Parse("cs.CL"), Count: 1),               // a category filter
            new(PaperQuery.Parse("\"large language models\""), Sort: IndexSort.Date, Count: 1),     // a phrase, newest first
        ];
        var expected = requests.Select(r => index.Searcher.Search(r).Total).ToArray();
        Assert.Equal(3000, expected[0]);
        Assert.All(expected.Skip(1), n => Assert.InRange(n, 1, 2999));
        var oldGeneration = index.Searcher.Stats().Directory;

        // The reindex pauses on its own thread once the new generation holds documents, until the reader has searched
        // 20 times against that half-built moment: the overlap is certain, not left to thread scheduling.
        const int overlapWanted = 20;
        var building = 0;
        var duringBuild = 0;
        using var overlapped = new ManualResetEventSlim();
        var wrong = new List<string>();
        var reindex = Task.Run(() => index.ReindexAsync(new Reported(p =>
        {
            if (p.Done == 0 || Interlocked.Exchange(ref building, 1) == 1) return;
            if (!overlapped.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("the reader never searched during the build");
        })));
        var searching = Task.Run(() =>
        {
            for (var i = 0; !reindex.IsCompleted; i++)
            {
                var k = i % requests.Length;
                var during = Volatile.Read(ref building) == 1 && !overlapped.IsSet;
                var total = index.Searcher.Search(requests[k]).Total;
                if (total != expected[k]) lock (wrong) wrong.Add($"request {k}: {total} instead of {expected[k]}");
                if (during && ++duringBuild >= overlapWanted) overlapped.Set();
            }
        });
        await reindex;
        await searching;

        Assert.Empty(wrong);
        Assert.True(duringBuild >= overlapWanted, $"only {duringBuild} searches overlapped the build: the test proved little");
        Assert.NotEqual(oldGeneration, index.Searcher.Stats().Directory);
        Assert.Equal(expected, requests.Select(r => index.Searcher.Search(r).Total).ToArray());
    }

    /// <summary>Reports on the reindexing thread itself (<see cref="Progress{T}"/> would post, arriving late).</summary>
    private sealed class Reported(Action<ReindexProgress> report) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => report(value);
    }
}
