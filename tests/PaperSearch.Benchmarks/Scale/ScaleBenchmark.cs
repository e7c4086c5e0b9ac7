using System.Diagnostics;
using PaperSearch.Benchmarks.Scale;
using PaperSearch.Indexer.Store;
using PaperSearch.TestSupport;

namespace PaperSearch.Benchmarks;

/// <summary>
/// Issue 16's scale test, rerunnable: a synthetic corpus of <c>--papers</c> papers made from the real one
/// (<see cref="SyntheticCorpus"/>) with vectors made from real ones (<see cref="SyntheticVectors"/>), imported by the
/// product's own <c>import</c> and <c>reindex</c> (child processes of the Release build), then served by a web
/// replica whose RSS is read after start and under load while every query kind is timed.
/// <c>dotnet run -c Release --project tests/PaperSearch.Benchmarks -- scale --papers 1000000 --vectors-from DATA_DIR</c>
/// </summary>
internal static class ScaleBenchmark
{
    private const int WarmUpQueries = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var o = ScaleArgs.Parse(args);
        if (!File.Exists(o.WebDll))
        {
            Console.Error.WriteLine($"{o.WebDll} not found: build it first (dotnet build Web -c Release -o /tmp/relbuild) or pass --web PATH.");
            return 2;
        }
        Directory.CreateDirectory(o.Work);
        var data = Path.Combine(o.Work, "data");
        var donors = SyntheticCorpus.ReadDonors(SharedData.Corpus);
        Console.WriteLine($"scale benchmark: {o.Papers:N0} papers into {data}, {Environment.ProcessorCount} cores, load {Machine.LoadAverage()}");
        if (o.ServeOnly)
        {
            if (!File.Exists(Path.Combine(data, "papersearch.db")))
            {
                Console.Error.WriteLine($"--serve-only: {data} holds no store; run once without it first.");
                return 2;
            }
            Console.WriteLine("--serve-only: the data dir of an earlier run, as it is (import, vectors and reindex skipped)");
        }
        else await BuildDataDirAsync(o, data, donors);
        var (store, index) = (DiskBytes(data, "papersearch.db*"), DirectoryBytes(Path.Combine(data, "index")));
        Console.WriteLine($"disk: store {store / 1e9:F2} GB ({store / o.Papers:N0} B/paper, vectors included), index {index / 1e9:F2} GB ({index / o.Papers:N0} B/paper)");

        await using var web = await WebReplica.StartAsync(o.WebDll, data, o.Port, o.Precision);
        Console.WriteLine($"web replica: ready in {web.StartSeconds:F0} s, vectors loaded; RSS after start {web.RssMb():N0} MB ({web.RssSplit()})");
        await new QueryProbe(web.Client, donors, WarmUpQueries, o.Seed + 1_000).WarmUpAsync();
        var probe = new QueryProbe(web.Client, donors, o.Queries, o.Seed);
        var rows = new List<string>();
        foreach (var kind in QueryProbe.Kinds)
        {
            var t = await probe.TimeAsync(kind);
            rows.Add($"| {kind} | {t.P50:F1} | {t.P99:F1} | {t.Errors} |");
        }
        var peak = await probe.LoadAsync(o.LoadSeconds, o.Connections, web);
        Console.WriteLine($"under load ({o.Connections} connections × {o.LoadSeconds} s, hybrid and semantic mixed): {peak.Requests / (double)o.LoadSeconds:F1} req/s, " +
                          $"{peak.Errors} errors, peak RSS {peak.PeakRssMb:N0} MB (VmHWM {web.HighWaterMb():N0} MB; at the end {web.RssSplit()})");
        Console.WriteLine();
        Console.WriteLine($"one connection, {o.Queries} queries each, ms (load {Machine.LoadAverage()}):");
        Console.WriteLine("| query | p50 | p99 | errors |");
        Console.WriteLine("| --- | --- | --- | --- |");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>The data dir as an operator would make it: the corpus imported, its vectors stored, reindexed, <c>embed</c>.</summary>
    private static async Task BuildDataDirAsync(ScaleArgs o, string data, IReadOnlyList<SyntheticCorpus.Donor> donors)
    {
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        var corpus = Path.Combine(o.Work, $"corpus-{o.Papers}.jsonl.gz");
        var clock = Stopwatch.StartNew();
        SyntheticCorpus.Write(donors, o.Papers, corpus, o.Seed);
        Console.WriteLine($"corpus: {o.Papers:N0} papers ({Math.Min(o.Papers, donors.Count):N0} of them real) in {clock.Elapsed.TotalSeconds:F0} s, {new FileInfo(corpus).Length / 1e6:F0} MB gzipped");

        var import = await ChildProcess.RunAsync(o.WebDll, ["import", corpus, "--data-dir", data]);
        Console.WriteLine($"import: {import.Seconds:F0} s = {o.Papers / import.Seconds:N0} papers/s, peak RSS {import.PeakRssMb:N0} MB (load {Machine.LoadAverage()})");

        clock.Restart();
        var vectors = await VectorWriter.WriteAsync(data, o, donors);
        Console.WriteLine($"vectors: {vectors:N0} stored under '{o.Model}' in {clock.Elapsed.TotalSeconds:F0} s");

        var reindex = await ChildProcess.RunAsync(o.WebDll, ["reindex", "--data-dir", data]);
        Console.WriteLine($"reindex: {reindex.Seconds:F0} s = {o.Papers / reindex.Seconds:N0} papers/s, peak RSS {reindex.PeakRssMb:N0} MB (load {Machine.LoadAverage()})");
        // As an operator would after loading vectors: `embed` finds nothing to embed, fits the compression and publishes
        // the vector file the replica maps.
        var publish = await ChildProcess.RunAsync(o.WebDll, ["embed", "--data-dir", data, $"--Embedding:Precision={o.Precision}"]);
        Console.WriteLine($"embed (fit + publish): {publish.Seconds:F0} s, peak RSS {publish.PeakRssMb:N0} MB");
    }

    private static long DiskBytes(string dir, string pattern) => Directory.GetFiles(dir, pattern).Sum(f => new FileInfo(f).Length);

    private static long DirectoryBytes(string dir) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
}

internal sealed record ScaleArgs(long Papers, string? VectorsFrom, string Work, string Model, int Queries, int Seed, string WebDll, int Port,
    int LoadSeconds, int Connections, bool ServeOnly)
{
    /// <summary>The replica's <c>Embedding:Precision</c>, so that it reads the vectors under <see cref="Model"/>.</summary>
    public string Precision => Model.EndsWith("-int8", StringComparison.Ordinal) ? "int8" : "fp32";

    public static ScaleArgs Parse(string[] args)
    {
        var map = new ArgMap(args);
        var papers = map.Long("papers", 1_000_000);
        return new ScaleArgs(papers, map.Find("vectors-from"), map.Get("work", $"/tmp/ps-scale-{papers}"),
            map.Get("model", "all-MiniLM-L6-v2-int8"), map.Int("queries", 200), map.Int("seed", 1), map.Get("web", "/tmp/relbuild/PaperSearch.Web.dll"),
            map.Int("port", 5393), map.Int("load-seconds", 30), map.Int("connections", 8),
            map.Flag("serve-only"));
    }
}
