using System.Net.Http.Json;
using System.Text.Json;
using PaperSearch.Indexer.Backup;
using PaperSearch.TestSupport;
using PaperSearch.Web.Cli;
using PaperSearch.Web.Tests.Cli;

namespace PaperSearch.Web.Tests.Hardening;

public sealed class BackupRestoreTests
{
    private const int Batch = 150;

    [Fact]
    public async Task Backup_RestoresToASearchableConsistentCopy_WhenTakenWhileAnotherThreadImports()
    {
        using var scratch = new TempDir("backup");
        using var live = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        await HardeningCorpus.ImportAsync(live.Services, HardeningCorpus.Write(scratch, Batch, name: "b0.jsonl"));

        using var stop = new CancellationTokenSource();
        var batches = 1;
        var importing = Task.Run(async () =>
        {
            // Keep the writer busy (store transactions and index commits) for the whole backup.
            while (!stop.IsCancellationRequested && batches < 12)
            {
                await HardeningCorpus.ImportAsync(live.Services, HardeningCorpus.Write(scratch, Batch, skip: batches * Batch, name: $"b{batches}.jsonl"));
                batches++;
            }
        });
        await Task.Delay(300);
        var manifest = await Task.Run(() => DataBackup.Backup(live.DataDir, scratch.Sub("copy")));
        await stop.CancelAsync();
        await importing;
        var liveCount = (await Stats(live.CreateClient())).Papers;
        Assert.Equal(batches * Batch, liveCount);

        using var restored = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        DataBackup.Restore(scratch.Sub("copy"), restored.DataDir, force: false);
        var client = restored.CreateClient();
        var stats = await Stats(client);
        // A whole number of import batches (each commits atomically), all of them indexed after the catch-up.
        Assert.InRange(stats.Papers, Batch, liveCount);
        Assert.Equal(0, stats.Papers % Batch);
        Assert.Equal(stats.Papers, stats.Indexed);
        Assert.True(manifest.IndexFiles > 0 && manifest.StoreBytes > 0);

        var search = await client.GetFromJsonAsync<JsonElement>("/api/search?q=gaussian+splatting&mode=bm25");
        Assert.True(search.GetProperty("total").GetInt64() > 0);
        var paper = await client.GetAsync("/api/papers/2503.11731");
        Assert.Equal(System.Net.HttpStatusCode.OK, paper.StatusCode);
    }

    [Fact]
    public async Task Cli_BacksUpBesideARunningServer_AndRestoreRefusesNonEmptyDirsWithoutForce()
    {
        using var scratch = new TempDir("backup-cli");
        using var live = new PaperSearchApp();
        await HardeningCorpus.ImportAsync(live.Services, HardeningCorpus.Write(scratch, 50));
        var copy = scratch.Sub("copy");

        // The live app holds the index writer: the verb must not try to open one.
        Assert.Equal(ExitCodes.Ok, await Cli("--data-dir", live.DataDir, "backup", copy));
        Assert.Equal(ExitCodes.Usage, await Cli("--data-dir", live.DataDir, "backup", copy)); // not empty any more
        Assert.Equal(ExitCodes.Usage, await Cli("--data-dir", live.DataDir, "restore", copy)); // not empty, no --force
        Assert.Equal(ExitCodes.Usage, await Cli("--data-dir", live.DataDir, "restore", copy, "--force")); // server running
        Assert.Equal(ExitCodes.Usage, await Cli("--data-dir", scratch.Sub("x"), "restore", scratch.Path)); // not a backup

        var target = scratch.Sub("restored");
        Assert.Equal(ExitCodes.Ok, await Cli("--data-dir", target, "restore", copy));
        File.WriteAllText(Path.Combine(target, "papersearch.db"), "clobbered");
        Assert.Equal(ExitCodes.Ok, await Cli("--data-dir", target, "restore", copy, "--force"));

        using var restored = new PaperSearchApp();
        DataBackup.Restore(copy, restored.DataDir, force: false);
        var stats = await Stats(restored.CreateClient());
        Assert.Equal((50, 50), (stats.Papers, stats.Indexed));
        Assert.Equal(new FileInfo(Path.Combine(copy, "papersearch.db")).Length, new FileInfo(Path.Combine(target, "papersearch.db")).Length);
    }

    [Fact]
    public async Task Backup_KeepsSavedLibraries_SoTheirFeedsAnswerAfterRestore_AndRevokedOnesStayRevoked()
    {
        using var scratch = new TempDir("backup-libraries");
        using var live = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        await HardeningCorpus.ImportAsync(live.Services, HardeningCorpus.Write(scratch, 30));
        var client = live.CreateClient();
        async Task<string> SaveAsync(string[] ids)
        {
            var response = await client.PostAsJsonAsync("/api/libraries", new { positives = ids, name = "Kept" });
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }
        var kept = await SaveAsync(["2503.11731"]);
        var revoked = await SaveAsync(["2503.11731"]);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await client.DeleteAsync("/api/libraries/" + revoked)).StatusCode);

        Assert.Equal(ExitCodes.Ok, await Cli("--data-dir", live.DataDir, "backup", scratch.Sub("copy")));
        using var restored = new PaperSearchApp(new() { ["RateLimit:Enabled"] = "false" });
        DataBackup.Restore(scratch.Sub("copy"), restored.DataDir, force: false);
        var after = restored.CreateClient();

        var feed = await after.GetAsync("/feed/library/" + kept);
        Assert.Equal(System.Net.HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("PaperSearch: for Kept", await feed.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await after.GetAsync("/feed/library/" + revoked)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK,
            (await after.PutAsJsonAsync("/api/libraries/" + kept, new { positives = new[] { "2503.11732" } })).StatusCode);
    }

    private static Task<int> Cli(params string[] args) => InProcessCli.RunAsync(args);

    private static async Task<(int Papers, int Indexed)> Stats(HttpClient client)
    {
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats");
        return (stats.GetProperty("papers").GetInt32(), stats.GetProperty("indexedPapers").GetInt32());
    }
}
