using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PaperSearch.Ranking.Embedding;

/// <summary>
/// Builds the configured embedder, never failing: when the option is <c>none</c>, the weights cannot be
/// extracted, or ONNX Runtime cannot load them, it returns a <see cref="NullEmbedder"/> saying why, and
/// search degrades to BM25 order instead of failing to start.
/// </summary>
public static class EmbedderFactory
{
    public static IEmbedder Create(EmbeddingOptions options, string dataDirectory, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var problems = OptionsRules.Problems(options);
        if (problems.Count > 0) return Unavailable(logger, string.Join(" ", problems));

        var model = EmbeddingModel.ForKey(options.Model);
        if (model is null) return Unavailable(logger, "embedding disabled by configuration (Embedding:Model = none)");

        ModelFiles files;
        try
        {
            files = ModelFiles.Extract(dataDirectory, model, options.Precision);
        }
        // IOException covers Google.Protobuf's InvalidProtocolBufferException (an fp32 file that does not parse
        // when it is quantised); InvalidDataException a graph the quantiser refuses.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FileNotFoundException
                                      or FileLoadException or BadImageFormatException or ArgumentException
                                      or InvalidDataException)
        {
            return Unavailable(logger, $"could not extract {model.Id} ({options.Precision}) into {dataDirectory}: {e.Message}");
        }

        try
        {
            var embedder = new OnnxEmbedder(model, files, options);
            logger.LogInformation("Embedding with {Model} ({Dimension}-d, {MaxTokens} tokens, {Precision}) from {Path}",
                embedder.ModelId, embedder.Dimension, embedder.MaxTokens, embedder.Precision, files.ModelPathFor(embedder.Precision));
            return embedder;
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or DllNotFoundException
                                      or TypeInitializationException or InvalidDataException or IOException
                                      or ArgumentException or EntryPointNotFoundException or InvalidOperationException)
        {
            return Unavailable(logger, $"ONNX Runtime could not load {files.ModelPathFor(options.Precision)}: {e.Message}");
        }
    }

    private static NullEmbedder Unavailable(ILogger logger, string reason)
    {
        logger.LogWarning("Semantic ranking off, results stay in BM25 order: {Reason}", reason);
        return new NullEmbedder(reason);
    }
}
