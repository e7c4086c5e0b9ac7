using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Compression;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Benchmarks;

/// <summary>
/// RSS and GC heap of one vector-catalog load at N synthetic vectors (<see cref="VectorSource"/>), each layout in its own
/// child process so one layout's freed memory never flatters the next:
/// <c>old</c> = the previous in-heap layout, reproduced here (every f32 row in a growing List, ToArray, float codes, int8
/// codes); <c>writer</c> = the catalog of a writing process (streams the store into a published vector file, codes built
/// while streaming); <c>replica</c> = the catalog of a read-only process (maps that file, codes from one sequential read).
/// The embedder is a shape only (model id and width): the model's own memory is the same in every layout and left out.
/// <c>dotnet run -c Release --project tests/PaperSearch.Benchmarks -- catalog [--n 1000000] [--rank 64]</c>
/// </summary>
internal static class CatalogMemoryBenchmark
{
    private const string Model = "bench-384";
    private const int D = 384;

    public static async Task<int> RunAsync(string[] args)
    {
        var map = new ArgMap(args);
        var n = map.Int("n", 1_000_000);
        var rank = map.Int("rank", 64);
        using var dir = new TempDir("catalog-bench");
        var clock = Stopwatch.StartNew();
        var store = PaperStore.Open(dir.Path);
        await store.MigrateAsync();
        var vectors = VectorSource.Load(new BenchmarkArgs(n, D, [], 0, 1, 0, null, 1)).Corpus;
        for (var start = 0; start < n; start += 5_000)
            await store.UpsertEmbeddingsAsync(Model, Enumerable.Range(start, Math.Min(5_000, n - start))
                .Select(i => ($"{i / 100_000 + 1000}.{i % 100_000:D5}", vectors.AsSpan(i * D, D).ToArray())).ToList());
        vectors = null;
        await new CompressionFitter(store).FitAsync(Model, rank);
        Console.Error.WriteLine($"{n:N0} vectors stored and fitted in {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine($"catalog load, {n:N0} × {D} synthetic vectors, rank {rank}, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg")[..14]}");
        Console.WriteLine();
        Console.WriteLine("| layout | load s | RSS after load MB | of which anon / file MB | peak RSS MB | GC heap MB | codes MB | vector file MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var layout in new[] { "old", "writer", "replica" }) Console.WriteLine(Child(layout, dir.Path, rank));
        return 0;
    }

    /// <summary>One layout's load in this process (run as a child by <see cref="RunAsync"/>); prints its table row.</summary>
    public static async Task<int> LoadAsync(string[] args)
    {
        var (layout, dataDir, rank) = (args[0], args[1], int.Parse(args[2]));
        var store = PaperStore.Open(dataDir);
        var clock = Stopwatch.StartNew();
        long codes;
        object keep;
        if (layout == "old")
        {
            var (flat, q) = await OldLayoutAsync(store, rank);
            (codes, keep) = (q.Bytes, (flat, q));
        }
        else
        {
            var options = Options.Create(new SemanticOptions { Rank = rank, RefitOnLoad = false });
            var catalog = new VectorCatalog(store, new ShapeOnly(), options, NullLogger<VectorCatalog>.Instance,
                new VectorFolder(DataPaths.Vectors(dataDir), writes: layout == "writer"));
            await catalog.ReloadAsync();
            if (catalog.ServedFile is null) throw new InvalidOperationException($"{layout}: no vector file served");
            (codes, keep) = (catalog.CodeBytes, catalog);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var status = File.ReadAllLines("/proc/self/status").Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0]) / 1024.0);
        var file = Directory.Exists(DataPaths.Vectors(dataDir))
            ? Directory.GetFiles(DataPaths.Vectors(dataDir), "*.f32v", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1e6 : 0;
        Console.WriteLine($"| {layout} | {seconds:F1} | {status["VmRSS"]:F0} | {status["RssAnon"]:F0} / {status["RssFile"]:F0} | {status["VmHWM"]:F0} | " +
                          $"{heap / 1048576.0:F0} | {codes / 1048576.0:F0} | {(layout == "old" ? "—" : file.ToString("F0"))} |");
        GC.KeepAlive(keep);
        return 0;
    }

    /// <summary>The catalog load before issue 16, step for step: a growing List of every row, ToArray, EncodeMany, Quantize.</summary>
    private static async Task<(float[] Flat, QuantizedCodes Codes)> OldLayoutAsync(PaperStore store, int rank)
    {
        var ids = new List<string>();
        var rows = new List<float>();
        await foreach (var e in store.StreamEmbeddingsAsync(Model))
        {
            ids.Add(e.PaperId);
            rows.AddRange(e.Vector);
        }
        var flat = rows.ToArray();
        rows = null;
        var projection = LowRankProjection.FromBytes((await store.GetProjectionAsync(Model))!.Data);
        var codes = Int8Quantizer.Quantize(projection.EncodeMany(flat), rank);
        GC.KeepAlive(ids);
        return (flat, codes);
    }

    private static string Child(string layout, string dataDir, int rank)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(CatalogMemoryBenchmark).Assembly.Location);
        foreach (var a in new[] { "catalog-load", layout, dataDir, rank.ToString() }) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return child.ExitCode == 0 ? output.TrimEnd() : $"| {layout} | failed (exit {child.ExitCode}) |";
    }

    /// <summary>The model's id and width, nothing else: this benchmark loads stored vectors and embeds no text.</summary>
    private sealed class ShapeOnly : IEmbedder
    {
        public bool IsAvailable => true;
        public string ModelId => Model;
        public int Dimension => D;
        public int MaxTokens => 256;
        public void Embed(IReadOnlyList<string> texts, Span<float> output, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The catalog benchmark embeds nothing.");
        public ReadOnlyMemory<float> EmbedQuery(string query) => throw new NotSupportedException("The catalog benchmark embeds nothing.");
    }
}
