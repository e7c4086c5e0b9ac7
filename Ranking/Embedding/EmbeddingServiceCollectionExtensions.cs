using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperSearch.Ranking.Embedding;

public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="EmbeddingOptions"/> from the <c>Embedding</c> section (validated on start) and registers
    /// one <see cref="IEmbedder"/> singleton: the configured model, or a <see cref="NullEmbedder"/> when it cannot
    /// load, so the host always starts. The session is created on first resolve (it takes seconds).
    /// </summary>
    public static IServiceCollection AddEmbedder(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        services.AddOptions<EmbeddingOptions>()
            .BindConfiguration(EmbeddingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IEmbedder>(sp => EmbedderFactory.Create(
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            dataDirectory(sp),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IEmbedder).FullName!)));
        return services;
    }
}
