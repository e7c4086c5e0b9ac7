using PaperSearch.Benchmarks;

return args switch
{
    ["scan", .. var rest] => ScanBenchmark.Run(BenchmarkArgs.Parse(rest)),
    ["scale", .. var rest] => await ScaleBenchmark.RunAsync([.. rest]),
    ["embed", .. var rest] => EmbedBenchmark.Run([.. rest]),
    ["import", .. var rest] => await ImportBenchmark.RunAsync(rest),
    ["recommend", .. var rest] => await RecommendBenchmark.RunAsync([.. rest]),
    ["pageload", .. var rest] => await PageLoadBenchmark.RunAsync([.. rest]),
    ["screenshots", .. var rest] => await ScreenshotTour.RunAsync([.. rest]),
    ["catalog", .. var rest] => await CatalogMemoryBenchmark.RunAsync([.. rest]),
    ["catalog-load", .. var rest] => await CatalogMemoryBenchmark.LoadAsync([.. rest]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: PaperSearch.Benchmarks catalog [--n 1000000] [--rank 64]   (RSS and heap of a catalog load, old layout vs new)
               PaperSearch.Benchmarks embed [--papers 400] [--tokens 256] [--rounds 3] [--threads 0] [--batch 8] [--file F]
               PaperSearch.Benchmarks recommend [--sizes 20000,118024] [--libraries 5,20,100] [--runs 30]
               PaperSearch.Benchmarks pageload [URL of a running instance] [runs] [URL glob to refuse …]
               PaperSearch.Benchmarks screenshots [URL of a running instance] [out dir, default docs/screenshots]
               PaperSearch.Benchmarks scale [--papers 1000000] --vectors-from DATA_DIR [--work DIR] [--web PaperSearch.Web.dll]
                                           [--model all-MiniLM-L6-v2-int8] [--queries 200] [--connections 8] [--load-seconds 30]
                                           [--serve-only]   (time queries on the data dir of an earlier run)
               PaperSearch.Benchmarks import [--file corpus.jsonl.gz] [--summaries 1]
               PaperSearch.Benchmarks scan [--n 1000000] [--d 384] [--ranks 32,48,64,96] [--topm 500]
                                           [--queries 50] [--fit 20000] [--vectors FILE] [--seed 1]
          --vectors FILE   raw little-endian float32, N×d row-major, or a published vector file
                           ({data dir}/vectors/<model>/*.f32v); the last --queries rows are held out as queries.
        """);
    return 2;
}
