using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Jobs;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Roles;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>No test host may harvest from the internet: each points the harvester at loopback and switches the schedule off.</summary>
public sealed class TestHostsHarvestOfflineTests
{
    [Fact]
    public async Task InProcessTestHost_HarvestsFromLoopbackOnly_AndSchedulesNoHarvest()
    {
        using var app = new PaperSearchApp();
        await app.CreateClient().GetAsync("/health");
        var harvest = app.Services.GetRequiredService<IOptions<HarvestOptions>>().Value;
        Assert.True(OfflineHarvest.IsLoopback(harvest.Endpoint.ToString()), $"the test host harvests from {harvest.Endpoint}");
        Assert.Equal("", app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.HarvestCron);
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == HarvestJob.Id);
        // Nor, over its empty store, a first harvest (that needs a schedule).
        Assert.Null(app.Services.GetRequiredService<FirstHarvest>().Read());
        // The shipped default, by contrast, is arXiv itself: what the offline settings exist to override.
        Assert.False(OfflineHarvest.IsLoopback(new HarvestOptions().Endpoint.ToString()));
    }

    [Fact]
    public void ChildProcessTestHosts_GetTheOfflineHarvestSettings_UnlessATestPointsThemAtItsOwnLocalServer()
    {
        var environment = AppProcess.EnvironmentFor(new Dictionary<string, string>());
        Assert.True(OfflineHarvest.IsLoopback(environment["Harvest__Endpoint"]));
        Assert.Equal("", environment["Jobs__HarvestCron"]);
        var own = AppProcess.EnvironmentFor(new Dictionary<string, string> { ["Harvest__Endpoint"] = "http://127.0.0.1:4321/oai" });
        Assert.Equal("http://127.0.0.1:4321/oai", own["Harvest__Endpoint"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/oai", true)]
    [InlineData("http://localhost:8080/oai", true)]
    [InlineData("http://[::1]:8080/oai", true)]
    [InlineData("https://oaipmh.arxiv.org/oai", false)]
    [InlineData("http://10.0.0.5/oai", false)]
    public void IsLoopback_TellsLocalEndpointsFromRemoteOnes(string endpoint, bool loopback) =>
        Assert.Equal(loopback, OfflineHarvest.IsLoopback(endpoint));
}
