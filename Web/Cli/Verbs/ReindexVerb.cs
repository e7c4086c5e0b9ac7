using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class ReindexVerb : IIndexWritingVerb
{
    public string Name => "reindex";
    public string Usage => "";
    public string Summary => "rebuild the Lucene index from the store (readers keep the old index until the new one is complete)";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>();
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help" };

    public async Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count > 0) throw new UsageException("reindex takes no arguments.");
        var index = services.GetRequiredService<PaperIndexWriter>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var progress = new ConsoleProgress<ReindexProgress>(p =>
                   $"reindex: {ConsoleProgress<ReindexProgress>.Bar(p.Total == 0 ? 1 : (double)p.Done / p.Total)} {p.Done:N0}/{p.Total:N0}"))
            await index.ReindexAsync(progress, ct);
        var stats = index.Searcher.Stats();
        var stored = await services.GetRequiredService<PaperStore>().CountAsync(ct);
        Console.WriteLine($"Reindexed {stats.NumDocs:N0} papers in {clock.Elapsed.TotalSeconds:N1} s (store holds {stored:N0}).");
        return ExitCodes.Ok;
    }
}
