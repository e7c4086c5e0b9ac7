using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Jobs;

namespace PaperSearch.Web.Tests.Jobs;

/// <summary>The web host's composition root wires the whole night, in its written order, and both recurring jobs.</summary>
public sealed class NightlyWiringTests
{
    [Fact]
    public void NightlyIndexJob_ResolvesInTheHost_WithCatchUpMergeEmbedRefitInOrder()
    {
        using var app = new PaperSearchApp();

        var job = app.Services.GetRequiredService<NightlyIndexJob>();

        Assert.Equal(["index-catch-up", "index-merge", "embed-new-papers", "refit-compression"], job.Steps.Select(s => s.Name));
        Assert.NotNull(app.Services.GetRequiredService<HarvestJob>());
    }
}
