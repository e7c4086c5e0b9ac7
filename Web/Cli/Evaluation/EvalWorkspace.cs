using System.Security.Cryptography;
using System.Text;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Ranking.Metrics;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli.Evaluation;

/// <summary>
/// A BEIR corpus loaded into its own store, index and vectors under <c>{DataDir}/eval/…</c>, served by the
/// same services (and so the same <c>SearchService</c>) as the product. Kept between runs: a second
/// <c>eval</c> or <c>tune</c> reuses the index and the embeddings.
/// </summary>
public sealed class EvalWorkspace : IAsyncDisposable
{
    private readonly IHost _host;

    private EvalWorkspace(IHost host, BeirDataset dataset) => (_host, Dataset) = (host, dataset);

    public BeirDataset Dataset { get; }
    public IServiceProvider Services => _host.Services;

    /// <param name="split">the qrels to judge by, or null for the corpus alone (<c>--task library</c> brings its own judgements).</param>
    public static async Task<EvalWorkspace> OpenAsync(string beirDir, string? split, IServiceProvider parent, bool needVectors, CancellationToken ct)
    {
        string[] needed = split is null ? ["corpus.jsonl"] : ["corpus.jsonl", "queries.jsonl", Path.Combine("qrels", split + ".tsv")];
        foreach (var f in needed)
            if (!File.Exists(Path.Combine(beirDir, f)))
                throw new UsageException(split is null
                    ? $"{beirDir} is not a BEIR folder: corpus.jsonl is missing."
                    : $"{beirDir} is not a BEIR folder: {f} is missing (expected corpus.jsonl, queries.jsonl, qrels/{split}.tsv).");
        var dataset = split is null ? await BeirDataset.LoadCorpusAsync(beirDir, ct) : await BeirDataset.LoadAsync(beirDir, split, ct);

        var parentConfig = parent.GetRequiredService<IConfiguration>();
        var dataDir = parent.GetRequiredService<Microsoft.Extensions.Options.IOptions<PaperSearchOptions>>().Value.ResolvedDataDir;
        var dir = DataPaths.EvalWorkspace(dataDir, WorkspaceName(beirDir));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(parentConfig);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PaperSearch:DataDir"] = dir });
        builder.Logging.ClearProviders();
        builder.AddPaperSearchServices();
        var host = builder.Build();
        await host.StartAsync(ct);
        var workspace = new EvalWorkspace(host, dataset);
        await workspace.LoadCorpusAsync(needVectors, ct);
        return workspace;
    }

    private async Task LoadCorpusAsync(bool needVectors, CancellationToken ct)
    {
        var store = Services.GetRequiredService<PaperStore>();
        if (await store.CountAsync(ct) != Dataset.Corpus.Count)
        {
            Console.Error.WriteLine($"Indexing {Dataset.Corpus.Count:N0} documents…");
            foreach (var chunk in Dataset.Corpus.Values.Chunk(1000))
                await store.UpsertAsync(chunk.Select(d => new Paper { Id = d.Id, Title = d.Title, Abstract = d.Text }).ToList(), ct: ct);
            await Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync(ct: ct);
        }
        else
        {
            // The corpus is already stored: rebuild the index anyway (seconds for a BEIR set), so a change in
            // analysis or BM25 settings since the last run is what gets measured.
            await Services.GetRequiredService<PaperIndexWriter>().ReindexAsync(ct: ct);
        }
        if (!needVectors) return;
        var embedder = Services.GetRequiredService<IEmbedder>();
        if (!embedder.IsAvailable) return;
        using (var progress = new ConsoleProgress<EmbedProgress>(p => $"embedding corpus: {p.Done:N0} done, {p.Remaining:N0} left, {p.PapersPerSecond:N1}/s"))
            await Services.GetRequiredService<EmbeddingPipeline>().RunAsync(null, progress, ct);
        await Services.GetRequiredService<VectorCatalog>().ReloadAsync(ct);
    }

    /// <summary>Folder name + a hash of its full path and corpus size, so two data sets never share a workspace.</summary>
    private static string WorkspaceName(string beirDir)
    {
        var full = Path.GetFullPath(beirDir).TrimEnd('/');
        var corpus = new FileInfo(Path.Combine(full, "corpus.jsonl"));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{full}|{corpus.Length}")))[..10].ToLowerInvariant();
        var parent = Path.GetFileName(Path.GetDirectoryName(full)) ?? "beir";
        var name = Path.GetFileName(full);
        return $"{parent}-{name}-{hash}";
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
