using System.CommandLine;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class ReindexVerb : IIndexWritingVerb
{
    public Command Command { get; } = new("reindex", "rebuild the Lucene index from the store (readers keep the old index until the new one is complete)");

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
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
