using System.CommandLine;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class EmbedVerb : ICliVerb
{
    private readonly Option<int?> _limit = CliOptions.WholeNumber("--limit", 1, int.MaxValue, "embed at most the N newest papers lacking a vector");
    private readonly Option<bool> _noFit = new("--no-fit") { Description = "do not refit the compression afterwards" };

    public EmbedVerb() => Command = new("embed",
        "embed the papers that lack a vector for the current model, newest first (resumable), then refit the compression and publish the vector file replicas map") { _limit, _noFit };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var limit = args.GetValue(_limit);
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

        if (!args.GetValue(_noFit))
        {
            var rank = services.GetRequiredService<IOptions<SemanticOptions>>().Value.Rank;
            var fit = await services.GetRequiredService<CompressionFitter>().FitAsync(embedder.ModelId, rank, ct);
            Console.WriteLine(fit is null
                ? "Compression not fitted: too few vectors."
                : $"Compression fitted on {fit.Papers:N0} vectors: rank {fit.Rank}, explained variance {fit.ExplainedVariance:P1}, relative reconstruction error {fit.RelativeError:P1} ({fit.Elapsed.TotalSeconds:N1} s).");
        }

        // Replicas rescore from the published file instead of loading every vector into their heap; a served
        // indexer publishes it in the background, a command-line run does it here so it is ready on first start.
        var publisher = ActivatorUtilities.CreateInstance<VectorFilePublisher>(services);
        if (await publisher.PublishIfMissingAsync(ct))
            Console.WriteLine($"Vector file published to {services.GetRequiredService<VectorFolder>().Newest(embedder.ModelId)}.");
        return ExitCodes.Ok;
    }
}
