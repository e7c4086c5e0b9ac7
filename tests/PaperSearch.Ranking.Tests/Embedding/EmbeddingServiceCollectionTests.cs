using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding;

public sealed class EmbeddingServiceCollectionTests
{
    [Fact]
    public void AddEmbedder_ResolvesUnavailableEmbedder_WhenConfiguredNone()
    {
        using var dir = new TempDir("embed-di");
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Embedding:Model"] = "none", ["Embedding:CacheSize"] = "7" })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddLogging()
            .AddEmbedder(_ => dir.Path)
            .BuildServiceProvider();

        Assert.Equal(7, provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value.CacheSize);
        Assert.False(provider.GetRequiredService<IEmbedder>().IsAvailable);
    }
}
