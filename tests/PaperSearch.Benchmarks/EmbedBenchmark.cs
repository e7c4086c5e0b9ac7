using System.Diagnostics;
using System.Numerics.Tensors;
using PaperSearch.Indexer.Sources;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Benchmarks;

/// <summary>
/// fp32 against int8 MiniLM on the same real papers in one process: rounds alternate which precision goes first,
/// so a change of load on the shared machine hits both alike, and each round prints its own ratio and load.
/// Also the agreement of the two: the cosine between the fp32 and int8 vector of each paper.
/// <c>dotnet run -c Release --project tests/PaperSearch.Benchmarks -- embed [--papers 400] [--tokens 256]
/// [--rounds 3] [--threads 0] [--batch 8] [--file corpus.jsonl.gz]</c>
/// </summary>
internal static class EmbedBenchmark
{
    public static int Run(string[] args)
    {
        var map = new ArgMap(args);
        var papers = map.Int("papers", 400);
        var rounds = map.Int("rounds", 3);
        var file = map.Find("file") ?? SharedData.Corpus;
        var options = new EmbeddingOptions
        {
            MaxTokens = map.Int("tokens", EmbeddingOptions.DefaultMaxTokens),
            Threads = map.Int("threads", 0),
            BatchSize = map.Int("batch", 8),
        };
        var texts = SourceReader.Read(file).OfType<PaperRecord>().Take(papers).Select(r => EmbeddingText.ForPaper(r.Paper)).ToArray();
        Console.WriteLine($"embed benchmark: {texts.Length} papers of {file}, {options.MaxTokens} tokens, batch {options.BatchSize}, " +
                          $"threads {(options.Threads == 0 ? Environment.ProcessorCount : options.Threads)}, {Environment.ProcessorCount} cores, load {Machine.LoadAverage()}");

        using var dir = new TempDir("embed-bench");
        using var fp32 = Load(options, ModelPrecision.Fp32, dir.Path);
        using var int8 = Load(options, ModelPrecision.Int8, dir.Path);
        var d = fp32.Dimension;
        var vectors32 = new float[texts.Length * d];
        var vectors8 = new float[texts.Length * d];
        fp32.Embed(texts[..Math.Min(8, texts.Length)], vectors32); // warm-up: first-run allocations, not the model's speed
        int8.Embed(texts[..Math.Min(8, texts.Length)], vectors8);

        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var int8First = round % 2 == 0;
            double rate32 = 0, rate8 = 0;
            foreach (var isInt8 in int8First ? new[] { true, false } : [false, true])
            {
                var rate = PapersPerSecond(isInt8 ? int8 : fp32, texts, isInt8 ? vectors8 : vectors32);
                if (isInt8) rate8 = rate; else rate32 = rate;
            }
            ratios.Add(rate8 / rate32);
            Console.WriteLine($"round {round} ({(int8First ? "int8" : "fp32")} first): fp32 {rate32:F1} papers/s, int8 {rate8:F1} papers/s, " +
                              $"ratio {rate8 / rate32:F2}; load {Machine.LoadAverage()}");
        }
        var ordered = ratios.Order().ToArray();
        Console.WriteLine($"ratio int8/fp32: median {ordered[ordered.Length / 2]:F2}, min {ordered[0]:F2}, max {ordered[^1]:F2}");

        var cosines = Enumerable.Range(0, texts.Length)
            .Select(i => TensorPrimitives.Dot(vectors32.AsSpan(i * d, d), vectors8.AsSpan(i * d, d))).ToArray();
        Console.WriteLine($"cosine fp32 vs int8 over {texts.Length} papers: mean {cosines.Average():F4}, min {cosines.Min():F4}, " +
                          $"5th percentile {cosines.Order().ElementAt(texts.Length / 20):F4}");
        return 0;
    }

    private static OnnxEmbedder Load(EmbeddingOptions options, string precision, string dataDir)
    {
        var clock = Stopwatch.StartNew();
        var embedder = EmbedderFactory.Create(new EmbeddingOptions
        {
            MaxTokens = options.MaxTokens, Threads = options.Threads, BatchSize = options.BatchSize, Precision = precision,
        }, dataDir);
        if (embedder is not OnnxEmbedder onnx) throw new InvalidOperationException($"{precision}: {((NullEmbedder)embedder).Reason}");
        // For int8 this includes quantising the extracted model (once per data dir).
        Console.WriteLine($"{onnx.ModelId}: extracted and loaded in {clock.Elapsed.TotalSeconds:F1}s");
        return onnx;
    }

    private static double PapersPerSecond(OnnxEmbedder embedder, string[] texts, float[] output)
    {
        var clock = Stopwatch.StartNew();
        embedder.Embed(texts, output);
        return texts.Length / clock.Elapsed.TotalSeconds;
    }
}
