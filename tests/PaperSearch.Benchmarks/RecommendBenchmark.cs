using System.Diagnostics;
using System.IO.Compression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Ranking.Simd;
using PaperSearch.TestSupport;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Library;

namespace PaperSearch.Benchmarks;

/// <summary>
/// Latency of one library recommendation through <see cref="RecommendService.RecommendAsync"/> (what <c>POST /api/recommend</c>
/// calls: ridge fit on the codes, SIMD scan of all codes with exact rescoring, the library's neighbours, the BM25 keyword query
/// on the real Lucene index, fusion and membership, the store reads of the hits), for libraries of several sizes over the first
/// N papers of the real corpus (text, store and index real; the vectors synthesised, clustered unit vectors of the model's
/// width, since embedding 118k papers does not fit here). Baseline in the same run: one exact f32 brute-force scan of the
/// same vectors for one query.
/// <c>dotnet run -c Release --project tests/PaperSearch.Benchmarks -- recommend [--sizes 20000,118024] [--libraries 5,20,100] [--runs 30]</c>
/// </summary>
internal static class RecommendBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var map = new ArgMap(args);
        var sizes = map.Ints("sizes", [20_000, 118_024]);
        var librarySizes = map.Ints("libraries", [5, 20, 100]);
        var runs = map.Ints("runs", [30])[0];
        Console.WriteLine($"recommend benchmark: {SharedData.Corpus} on {Environment.ProcessorCount} cores, load {Machine.LoadAverage()}");
        Console.WriteLine("text, store (SQLite) and Lucene index: the real corpus; vectors: SYNTHESISED (VectorSource's clustered unit vectors, " +
                          "not the model's embeddings), compressed by the product's own fit (PCA rank 64, int8 codes).");
        Console.WriteLine();
        Console.WriteLine("| papers | library | p50 ms | p99 ms | one compressed scan p50 ms | keyword query p50 ms | exact f32 scan p50 ms | p50 / exact scan |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes) await RunSizeAsync(size, librarySizes, runs);
        return 0;
    }

    private static async Task RunSizeAsync(int size, int[] librarySizes, int runs)
    {
        using var dir = new TempDir("recommend-bench");
        var corpus = dir.Sub("corpus.jsonl");
        var written = FirstPapers(SharedData.Corpus, corpus, size);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperSearch:DataDir"] = dir.Sub("data"),
            ["Embedding:Model"] = "minilm", // loaded for its id and width only: no paper is embedded here
        });
        builder.Logging.ClearProviders();
        builder.AddPaperSearchServices();
        using var host = builder.Build();
        await host.StartAsync();
        var services = host.Services;
        var store = services.GetRequiredService<PaperStore>();
        var index = services.GetRequiredService<PaperIndexWriter>();
        var clock = Stopwatch.StartNew();
        await new Importer(store, index).ImportAsync([corpus]);
        await index.CatchUpAsync();
        var searcher = services.GetRequiredService<PaperSearcher>();
        searcher.Refresh();
        var importS = clock.Elapsed.TotalSeconds;

        var embedder = services.GetRequiredService<IEmbedder>();
        var ids = (await store.GetIdsMissingEmbeddingAsync(embedder.ModelId, int.MaxValue)).ToList(); // every paper: none has a vector yet
        var d = embedder.Dimension;
        var vectors = VectorSource.Load(new BenchmarkArgs(ids.Count, d, [], 0, 1, 0, null, 1)).Corpus;
        clock.Restart();
        foreach (var chunk in Enumerable.Range(0, ids.Count).Chunk(5000))
            await store.UpsertEmbeddingsAsync(embedder.ModelId, chunk.Select(i => (ids[i], vectors[(i * d)..((i + 1) * d)])).ToList());
        var catalog = services.GetRequiredService<VectorCatalog>();
        await catalog.ReloadAsync();
        Console.Error.WriteLine($"{size:N0}: {written:N0} papers imported in {importS:F0} s; {ids.Count:N0} vectors stored and loaded in {clock.Elapsed.TotalSeconds:F0} s " +
                                $"(rank {catalog.Rank?.ToString() ?? "none: exact scan"})");

        // Baseline: one exact f32 scan of every vector for one query (a library paper's vector), top 10.
        var random = new Random(7);
        var queries = Enumerable.Range(0, runs).Select(_ => vectors.AsSpan(random.Next(ids.Count) * d, d).ToArray()).ToList();
        var next = 0;
        var exact = Time(runs, () => ExactScanner.TopK(queries[next++ % runs], vectors, d, 10));

        var recommend = services.GetRequiredService<RecommendService>();
        foreach (var n in librarySizes)
        {
            // A topical library: a random paper and its nearest neighbours by vector, the way a reader's stars cluster.
            RecommendRequest Library()
            {
                var seed = ids[random.Next(ids.Count)];
                var near = catalog.Nearest(catalog.VectorOf(seed)!.Value.Span, n - 1, new HashSet<string> { seed }).Select(x => x.Id);
                return new RecommendRequest { Positives = [seed, .. near], K = 20 };
            }
            var requests = Enumerable.Range(0, runs + 3).Select(_ => Library()).ToList();
            foreach (var warm in requests.Take(3)) await recommend.RecommendAsync(warm);
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                var result = await recommend.RecommendAsync(requests[i + 3]);
                times[i] = watch.Elapsed.TotalMilliseconds;
                if (result.Model != "hybrid") throw new InvalidOperationException($"expected the hybrid model, got {result.Model}: {string.Join(' ', result.Notices)}");
            }
            var p50 = Percentile(times, 0.5);
            // Two of the service's parts on the same libraries, to say where the time goes: one compressed scan of all
            // codes with exact rescoring (the service runs one for the linear model and one per seed, up to 40), and the
            // library's keyword query (term choice + BM25 over the index).
            var scan = 0;
            var oneScan = Time(runs, () => catalog.Nearest(catalog.VectorOf(requests[3 + scan++ % runs].Positives[0])!.Value.Span, 200));
            var like = 0;
            var keywords = Time(runs, () =>
            {
                var positives = requests[3 + like++ % runs].Positives;
                using var snapshot = searcher.Snapshot();
                var terms = snapshot.SelectTerms(string.Join('\n', positives.Select(id => snapshot.TextOf(id))), 60, minDocFreq: 2);
                snapshot.SearchLike(terms, new IndexSearchRequest(null), positives, 200);
            });
            Console.WriteLine($"| {ids.Count:N0} | {n} | {p50:F1} | {Percentile(times, 0.99):F1} | {oneScan:F1} | {keywords:F1} | {exact:F1} | {p50 / exact:F1}× |");
        }
        await host.StopAsync();
    }

    /// <summary>The first <paramref name="count"/> lines of the gzipped corpus as a plain JSON-lines file (the first N papers).</summary>
    private static int FirstPapers(string gz, string target, int count)
    {
        using var input = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress));
        using var output = new StreamWriter(target);
        var n = 0;
        while (n < count && input.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            output.WriteLine(line);
            n++;
        }
        return n;
    }

    private static double Time(int runs, Action action)
    {
        for (var i = 0; i < 3; i++) action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        return Percentile(times, 0.5);
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
