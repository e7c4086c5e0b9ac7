using System.Net.Http.Json;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Store;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Crash;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>The app compares index and store when it starts and repairs what was lost while it was down.</summary>
public sealed class IndexStartupCheckTests
{
    private const int Papers = 500;

    [Fact]
    public async Task Startup_ReindexesMissingPapers_WhenDocsWereDeletedBehindTheAppsBack()
    {
        using var scratch = new TempDir("startup-check");
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        var ids = await ImportAsync(scratch, app.DataDir);
        var lost = ids.Where((_, i) => i % 10 == 0).ToList();
        DeleteFromIndex(app.DataDir, lost);

        var client = app.CreateClient(); // starts the host
        var result = await app.Services.GetRequiredService<IndexStartupCheck>().Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(IndexRepair.Patched, result.Repair);
        Assert.Equal((lost.Count, 0), (result.Added, result.Removed));
        Assert.Equal((Papers, Papers), await StatsAsync(client));
        var search = await client.GetFromJsonAsync<JsonElement>($"/api/search?q={lost[^1]}&mode=bm25");
        Assert.Equal(lost[^1], search.GetProperty("hits")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Startup_RebuildsIndexFromStore_WhenIndexFolderIsGone()
    {
        using var scratch = new TempDir("startup-check");
        using var app = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        await ImportAsync(scratch, app.DataDir);
        System.IO.Directory.Delete(DataPaths.Index(app.DataDir), recursive: true);

        var client = app.CreateClient();
        var result = await app.Services.GetRequiredService<IndexStartupCheck>().Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Consistent);
        Assert.Equal((Papers, Papers), await StatsAsync(client));
    }

    /// <summary>Imports real papers into the (not yet started) app's data dir, as an earlier run of the app would have.</summary>
    private static Task<List<string>> ImportAsync(TempDir scratch, string dataDir) => CrashHarness.WithStoreAsync(dataDir, async store =>
    {
        await store.MigrateAsync();
        using var index = await PaperIndexWriter.OpenAsync(DataPaths.Index(dataDir), store);
        await new Importer(store, index).ImportAsync([HardeningCorpus.Write(scratch, Papers)]);
        return await store.StreamChangedSinceAsync(0).Select(c => c.Paper.Id).ToListAsync();
    });

    /// <summary>Deletes documents with a plain Lucene writer, keeping the commit's recorded Seq: the index's own
    /// bookkeeping cannot tell.</summary>
    private static void DeleteFromIndex(string dataDir, IReadOnlyList<string> ids)
    {
        var root = DataPaths.Index(dataDir);
        using var dir = FSDirectory.Open(Path.Combine(root, File.ReadAllText(Path.Combine(root, "CURRENT")).Trim()));
        using var writer = new IndexWriter(dir, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null));
        var data = new Dictionary<string, string>(writer.CommitData);
        foreach (var id in ids) writer.DeleteDocuments(new Term("id", id));
        writer.SetCommitData(data);
        writer.Commit();
    }

    private static async Task<(int Papers, int Indexed)> StatsAsync(HttpClient client)
    {
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats");
        return (stats.GetProperty("papers").GetInt32(), stats.GetProperty("indexedPapers").GetInt32());
    }
}
