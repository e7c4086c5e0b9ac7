using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class EmbedVerb : ICliVerb
{
    public string Name => "embed";
    public string Usage => "[--limit N] [--no-fit]";
    public string Summary => "embed the papers that lack a vector for the current model, newest first (resumable; --limit N: the N newest), then refit the compression";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "--limit" };
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help", "--no-fit" };

    public async Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count > 0) throw new UsageException("embed takes no positional arguments.");
        var limit = args.Option("--limit") is null ? (int?)null : args.Int("--limit", 0, 1, int.MaxValue);
        var embedder = services.GetRequiredService<IEmbedder>();
        if (!embedder.IsAvailable)
        {
            Console.Error.WriteLine($"error: no embedding model is available ({(embedder as NullEmbedder)?.Reason ?? "Embedding:Model"}).");
            return ExitCodes.Failure;
        }
        EmbedSummary s;
        using (var progress = new ConsoleProgress<EmbedProgress>(p =>
                   $"embed: {ConsoleProgress<EmbedProgress>.Bar((double)p.Done / Math.Max(1, p.Done + p.Remaining))} {p.Done:N0} done, {p.Remaining:N0} left, {p.PapersPerSecond:N1} papers/s"))
            s = await services.GetRequiredService<EmbeddingPipeline>().RunAsync(limit, progress, ct);
        Console.WriteLine($"Embedded {s.Embedded:N0} papers with {s.Model} in {s.Elapsed.TotalSeconds:N1} s ({s.PapersPerSecond:N1} papers/s).");

        if (!args.Flag("--no-fit"))
        {
            var rank = services.GetRequiredService<IOptions<SemanticOptions>>().Value.Rank;
            var fit = await services.GetRequiredService<CompressionFitter>().FitAsync(embedder.ModelId, rank, ct);
            Console.WriteLine(fit is null
                ? "Compression not fitted: too few vectors."
                : $"Compression fitted on {fit.Papers:N0} vectors: rank {fit.Rank}, explained variance {fit.ExplainedVariance:P1}, relative reconstruction error {fit.RelativeError:P1} ({fit.Elapsed.TotalSeconds:N1} s).");
        }
        return ExitCodes.Ok;
    }
}
