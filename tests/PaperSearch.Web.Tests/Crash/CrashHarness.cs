using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;
using PaperSearch.Web.Cli;

namespace PaperSearch.Web.Tests.Crash;

/// <summary>
/// The real command line (<c>dotnet PaperSearch.Web.dll --data-dir DIR VERB …</c>) as a child process that a crash
/// test can SIGKILL, timed from its progress lines (<c>PAPERSEARCH_PROGRESS=lines</c>).
/// </summary>
internal static partial class CrashHarness
{
    /// <summary>Short token budget: the crash tests check bookkeeping, not embedding quality, and run 4× faster.</summary>
    public const string MaxTokens = "64";

    public static Task<ChildOutcome> RunCliAsync(string dataDir, string model, KillPlan? kill, params string[] verb) =>
        KillableChild.RunAsync("PaperSearch.Web.dll",
            ["--data-dir", dataDir, "--Embedding:Model=" + model, "--Embedding:MaxTokens=" + MaxTokens, .. verb], kill,
            new Dictionary<string, string> { [ConsoleProgress<int>.LinesVariable] = "lines" }, TimeSpan.FromSeconds(180));

    /// <summary>
    /// Runs the verb and SIGKILLs it at a seeded random point of <paramref name="clean"/>'s timeline: the kill comes
    /// a random fraction (up to 80%) of the time from the clean run's first progress line to its exit after this run's
    /// first progress line, so every phase after startup (work, commits, swaps, shutdown) is hit in proportion to its
    /// length, on a fast machine or a slow one. If the child still beats the kill (a quieter moment on a shared
    /// machine), it is tried again on a fresh data dir from <paramref name="prepare"/> with half the delay.
    /// Returns the data dir of the killed run.
    /// </summary>
    public static async Task<string> KillAtRandomPointAsync(ChildOutcome clean, string progress, int seed,
        Func<int, string> prepare, string model, params string[] verb)
    {
        var window = clean.Elapsed - clean.FirstLineAt(progress);
        var fraction = new Random(seed).NextDouble() * 0.8;
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dataDir = prepare(attempt);
            var delay = window * fraction / (1 << attempt);
            var run = await RunCliAsync(dataDir, model, new KillPlan(progress, 1, delay), verb);
            if (run.Killed) return dataDir;
            attempts.Add($"attempt {attempt} (kill {delay.TotalMilliseconds:N0} ms after the first progress line) finished first:\n{run.Output}");
        }
        Assert.Fail("The child finished before every kill, so the test proved nothing.\n" + string.Join("\n", attempts));
        return "";
    }

    /// <summary>A number from a verb's summary line, e.g. <c>inserted 1,234</c> (any digit grouping).</summary>
    public static int Number(string output, string label)
    {
        var m = Regex.Match(output, Regex.Escape(label) + @" ([\d.,\u00a0\u202f ]*\d)");
        Assert.True(m.Success, $"'{label} N' not found in:\n{output}");
        return int.Parse(new string([.. m.Groups[1].Value.Where(char.IsAsciiDigit)]), CultureInfo.InvariantCulture);
    }

    /// <summary>Copies a closed data dir (store files and index); the extracted models are linked, not copied.</summary>
    public static string CopyDataDir(string from, string to)
    {
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
        {
            var target = Path.Combine(to, Path.GetFileName(dir));
            if (Path.GetFileName(dir) == "models") Directory.CreateSymbolicLink(target, dir);
            else CopyTree(dir, target);
        }
        return to;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            if (Path.GetFileName(file) != "write.lock") File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    /// <summary>Opens a data dir's store (and index, if asked) as a restarted process would, without the host.</summary>
    public static async Task<T> WithStoreAsync<T>(string dataDir, Func<PaperStore, Task<T>> read)
    {
        var store = PaperStore.Open(dataDir);
        try { return await read(store); }
        finally { SqliteConnection.ClearAllPools(); }
    }
}

/// <summary>
/// Everything a crash could get wrong, read from a closed data dir: store rows (Seq left out: it counts writes,
/// not content), and what the index on disk holds, opened without any catch-up.
/// </summary>
public sealed record DataState(
    IReadOnlyList<string> Rows, int Live, long MaxSeq, IReadOnlyList<string> IndexIds, int NumDocs, long IndexSeq,
    IReadOnlyList<string> Generations, HashSet<string> LiveIds, IReadOnlyList<string> NotFoundById, string Current)
{
    public static Task<DataState> ReadAsync(string dataDir) => CrashHarness.WithStoreAsync(dataDir, async store =>
    {
        var changes = await store.StreamChangedSinceAsync(0).ToListAsync();
        var rows = changes.OrderBy(c => c.Paper.Id, StringComparer.Ordinal)
            .Select(c => JsonSerializer.Serialize(new { c.Paper, c.Summary, c.Deleted })).ToList();
        var live = changes.Where(c => !c.Deleted).Select(c => c.Paper.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(changes.Count, changes.Select(c => c.Paper.Id).Distinct().Count()); // no paper stored twice
        Assert.Equal(live.Count, await store.CountAsync());

        var root = DataPaths.Index(dataDir);
        using var index = new PaperIndexWriter(root, store);
        var stats = index.Searcher.Stats();
        var ids = index.Searcher.Search(new IndexSearchRequest(null, IncludeWithdrawn: true, Count: PaperSearcher.MaxWindow)).Hits.Select(h => h.Id).ToList();
        var generations = Directory.GetDirectories(root).Select(Path.GetFileName).Order().ToList();
        // An id query is an exact lookup on the id field: the paper must come back, alone.
        var notFound = live.Where(id => index.Searcher.Search(new IndexSearchRequest(PaperQuery.Parse(id), IncludeWithdrawn: true, Count: 2)).Hits
            is not [{ } only] || only.Id != id).ToList();
        var current = File.ReadAllText(Path.Combine(root, "CURRENT")).Trim();
        return new DataState(rows, live.Count, await store.MaxSeqAsync(), ids, stats.NumDocs, stats.CommittedSeq, generations!, live, notFound, current);
    });

    private static int Number(string generation) => int.Parse(generation.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The index never claims more than it holds: no duplicates, nothing the store lacks, Seq not ahead.</summary>
    public void AssertIndexNeverAhead()
    {
        Assert.Equal(IndexIds.Count, IndexIds.Distinct().Count());
        Assert.Equal(NumDocs, IndexIds.Count);
        Assert.Subset(LiveIds, IndexIds.ToHashSet());
        Assert.InRange(IndexSeq, 0, MaxSeq);
        // The published generation, and at most retired older ones (kept for replicas' grace period); never an
        // unpublished newer one left behind by a killed reindex once the index has been opened again.
        Assert.Contains(Current, Generations);
        Assert.All(Generations, g => Assert.True(Number(g) <= Number(Current), $"unpublished generation {g} left beside {Current}"));
    }

    /// <summary>The index matches the store exactly: each live paper once, nothing else, Seq caught up.</summary>
    public void AssertConsistent()
    {
        AssertIndexNeverAhead();
        Assert.Equal(Live, NumDocs);
        Assert.Equal(LiveIds, IndexIds.ToHashSet());
        Assert.Empty(NotFoundById);
        Assert.Equal(MaxSeq, IndexSeq);
    }

    /// <summary>Same content as another run (a clean one): rows, index documents.</summary>
    public void AssertSameAs(DataState clean)
    {
        Assert.Equal(clean.Rows.Count, Rows.Count);
        Assert.True(clean.Rows.SequenceEqual(Rows), "store rows differ from the clean run's");
        Assert.Equal(clean.IndexIds.Order(StringComparer.Ordinal), IndexIds.Order(StringComparer.Ordinal));
    }
}
