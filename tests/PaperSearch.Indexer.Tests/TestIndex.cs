using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests;

/// <summary>A store plus index in their own temp dir, for one test or one read-only class fixture.</summary>
internal sealed class TestIndex : IDisposable
{
    private TestIndex(TempDir dir, PaperStore store, PaperIndexWriter index) => (Dir, Store, Index) = (dir, store, index);

    public TempDir Dir { get; }
    public PaperStore Store { get; }
    public PaperIndexWriter Index { get; private set; }
    public string IndexRoot => Dir.Sub("index");

    public static async Task<TestIndex> CreateAsync(IReadOnlyList<Paper>? papers = null, IReadOnlyList<(string, AiSummary)>? summaries = null)
    {
        var dir = new TempDir("index");
        var store = await TestPapers.OpenStoreAsync(dir);
        if (summaries is not null) await store.UpsertSummariesAsync(summaries.Select(s => (s.Item1, s.Item2, "test")).ToList());
        if (papers is not null) await store.UpsertAsync(papers);
        var index = await PaperIndexWriter.OpenAsync(dir.Sub("index"), store);
        return new TestIndex(dir, store, index);
    }

    /// <summary>Closes the index and opens it again from disk (a process restart).</summary>
    public async Task ReopenAsync(TimeProvider? clock = null)
    {
        Index.Dispose();
        Index = await PaperIndexWriter.OpenAsync(IndexRoot, Store, time: clock);
    }

    public IReadOnlyList<string> Ids(string? query, CategoryExpressionText? cats = null, IndexSort sort = IndexSort.Relevance) =>
        Index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse(query), cats?.Expression, Sort: sort, Count: 50)).Hits.Select(h => h.Id).ToList();

    public void Dispose()
    {
        Index.Dispose();
        Dir.Dispose();
    }
}

/// <summary>Lets tests write category filters as strings.</summary>
internal sealed record CategoryExpressionText(string Text)
{
    public Categories.CategoryExpression Expression => Categories.CategoryExpression.Parse(Text);
    public static implicit operator CategoryExpressionText(string text) => new(text);
}
