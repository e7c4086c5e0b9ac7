using Microsoft.Extensions.Configuration;
using PaperSearch.Web.Cli;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Tests.Roles;

public sealed class ProcessRoleTests
{
    [Theory]
    [InlineData(new[] { "--role", "web" }, "web")]
    [InlineData(new[] { "--role=Indexer", "--urls", "http://127.0.0.1:5000" }, "indexer")]
    [InlineData(new[] { "--data-dir", "/tmp/x", "--role", "all", "search", "graphs" }, "all")]
    [InlineData(new[] { "--role", "worker" }, "worker")]
    public void CommandLine_PassesRoleToConfiguration_WhenRoleGiven(string[] args, string role)
    {
        var cli = CommandLine.Parse(args);

        var configuration = new ConfigurationBuilder().AddCommandLine([.. cli.HostArgs]).Build();
        Assert.Equal(Enum.Parse<ProcessRole>(role, ignoreCase: true), ProcessRoles.Of(configuration));
        Assert.DoesNotContain("--role", cli.VerbArgs);
    }

    [Theory]
    [InlineData("--role", "writer")]
    [InlineData("--role")]
    public void CommandLine_ThrowsUsage_WhenRoleMissingOrUnknown(params string[] args) =>
        Assert.Contains("all, indexer, web", Assert.Throws<UsageException>(() => CommandLine.Parse(args)).Message);

    [Fact]
    public void Of_NamesValidRoles_WhenConfiguredRoleUnknown()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("PaperSearch:Role", "replica")]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ProcessRoles.Of(configuration));

        Assert.Contains("replica", error.Message);
        Assert.Contains("all, indexer, web", error.Message);
    }

    [Theory]
    [InlineData(ProcessRole.All, true, true, true, "default,embed")]
    [InlineData(ProcessRole.Indexer, true, true, false, "default,embed")]
    [InlineData(ProcessRole.Web, false, false, true, "")]
    [InlineData(ProcessRole.Worker, false, true, false, "embed")]
    public void Role_DecidesWriterJobsSiteAndQueues(ProcessRole role, bool writes, bool runsJobs, bool servesSite, string queues)
    {
        Assert.Equal((writes, runsJobs, servesSite), (role.Writes(), role.RunsJobs(), role.ServesSite()));
        if (runsJobs) Assert.Equal(queues, string.Join(',', role.JobQueues()));
    }

    [Fact]
    public void Of_IsAll_WhenNothingConfigured() =>
        Assert.Equal(ProcessRole.All, ProcessRoles.Of(new ConfigurationBuilder().Build()));
}
