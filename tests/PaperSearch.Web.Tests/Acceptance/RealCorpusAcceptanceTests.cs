using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Web.Tests.Acceptance;

/// <summary>Search quality on ~10,000 real papers (and their real Chinese summaries) through the REST API, on either store.</summary>
public sealed class RealCorpusAcceptanceTests(PerStore<RealCorpusApp> apps, ITestOutputHelper output) : IClassFixture<PerStore<RealCorpusApp>>
{
    private const int Seed = 20260701;

    [Theory, SqliteStore, PostgresStore]
    public async Task Search_ReturnsPaperFirst_WhenQueryIsItsExactTitle(StoreKind store)
    {
        var app = await apps.GetAsync(store);
        var papers = await SamplePapersAsync(app, 100, _ => true);
        var misses = new List<string>();
        foreach (var p in papers)
            if ((await app.SearchIdsAsync(p.Title)).FirstOrDefault() != p.Id) misses.Add($"{p.Id} {p.Title}");

        output.WriteLine($"exact title first: {100 - misses.Count}/100; misses: {string.Join(" | ", misses)}");
        Assert.True(misses.Count <= 3, string.Join("\n", misses));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Search_ReturnsPaperFirst_WhenQueryIsItsArxivIdOrUrl(StoreKind store)
    {
        var app = await apps.GetAsync(store);
        foreach (var p in await SamplePapersAsync(app, 5, _ => true))
        {
            Assert.Equal(p.Id, (await app.SearchIdsAsync(p.Id)).FirstOrDefault());
            Assert.Equal(p.Id, (await app.SearchIdsAsync($"https://arxiv.org/abs/{p.Id}v2")).FirstOrDefault());
            Assert.Equal(p.Id, (await app.SearchIdsAsync($"arxiv.org/pdf/{p.Id}")).FirstOrDefault());
        }
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Search_FindsPaperInTopThree_WhenQueryIsChinesePhraseFromItsTldr(StoreKind store)
    {
        var app = await apps.GetAsync(store);
        var rng = new Random(Seed);
        var candidates = (await SamplePapersAsync(app, 400, _ => true)).ToList();
        var hits = 0;
        var tried = 0;
        var misses = new List<string>();
        foreach (var p in candidates)
        {
            if (tried == 100) break;
            var summary = await app.Store.GetSummaryAsync(p.Id);
            if (summary?.Summary.Tldr is not { } tldr || ChinesePhrase(tldr, rng) is not { } phrase) continue;
            tried++;
            if ((await app.SearchIdsAsync(phrase, 3)).Contains(p.Id)) hits++;
            else misses.Add($"{p.Id} '{phrase}'");
        }

        output.WriteLine($"Chinese tl;dr phrase in top 3: {hits}/{tried}; misses: {string.Join(" | ", misses)}");
        Assert.Equal(100, tried);
        Assert.True(hits >= 90, string.Join("\n", misses));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task ImportAsync_ChangesNothing_WhenSubsetImportedAgain(StoreKind store)
    {
        var app = await apps.GetAsync(store);
        var again = await new Importer(app.Store, app.Index).ImportAsync([app.Subset.CorpusFile]);

        Assert.True(app.Papers.IsBalanced && again.IsBalanced);
        Assert.Equal(app.Subset.CorpusLines, app.Papers.Read);
        Assert.Equal(app.Subset.SummaryLines, app.Summaries.Read);
        Assert.Equal(0, again.Inserted + again.Updated);
        Assert.Equal(0, again.IndexedChanges);
        var stats = app.Index.Searcher.Stats();
        Assert.Equal(await app.Store.CountAsync(), stats.NumDocs);
        Assert.True(stats.NumDocs > 9_000, $"only {stats.NumDocs} papers indexed");
    }

    /// <summary>Random papers (fixed seed) from the index, read from the store.</summary>
    private static async Task<IReadOnlyList<Paper>> SamplePapersAsync(RealCorpusApp app, int count, Func<Paper, bool> keep)
    {
        var all = app.Index.Searcher.Search(new IndexSearchRequest(null, Count: PaperSearcher.MaxWindow, Sort: IndexSort.Date)).Hits.Select(h => h.Id).Order(StringComparer.Ordinal).ToList();
        var rng = new Random(Seed);
        var ids = all.OrderBy(_ => rng.Next()).Take(count * 2).ToList();
        return (await app.Store.GetManyAsync(ids)).Where(keep).Take(count).ToList();
    }

    /// <summary>Consecutive SmartCn words of the tl;dr's Chinese text totalling 4–8 characters (6–8 when there are such), or null.</summary>
    private static string? ChinesePhrase(string tldr, Random rng)
    {
        using var analyzer = new SmartChineseAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);
        var words = new List<(int Start, int End)>();
        using (var ts = analyzer.GetTokenStream("f", tldr))
        {
            var offset = ts.AddAttribute<IOffsetAttribute>();
            ts.Reset();
            while (ts.IncrementToken())
                if (tldr.AsSpan(offset.StartOffset, offset.EndOffset - offset.StartOffset).ContainsAnyInRange('\u4E00', '\u9FFF'))
                    words.Add((offset.StartOffset, offset.EndOffset));
            ts.End();
        }
        var spans = new List<string>();
        for (var i = 0; i < words.Count; i++)
            for (var j = i; j < words.Count && words[j].End - words[i].Start <= 8; j++)
            {
                if (j > i && words[j].Start != words[j - 1].End) break; // only adjacent words
                if (words[j].End - words[i].Start >= 4) spans.Add(tldr[words[i].Start..words[j].End]);
            }
        // A person types a phrase that names the paper's idea, not "优化算法": prefer the longer spans (6–8 characters).
        var specific = spans.Where(x => x.Length >= 6).ToList();
        if (specific.Count > 0) return specific[rng.Next(specific.Count)];
        return spans.Count == 0 ? null : spans.MaxBy(x => x.Length);
    }
}
