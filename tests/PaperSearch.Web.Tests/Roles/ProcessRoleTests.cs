using Microsoft.Extensions.Configuration;
using PaperSearch.Web.Tests.Cli;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Tests.Roles;

public sealed class ProcessRoleTests
{
    [Theory]
    [InlineData(new[] { "--role", "web" }, "web")]
    [InlineData(new[] { "--role=Indexer", "--urls", "http://127.0.0.1:5000" }, "indexer")]
    [InlineData(new[] { "--data-dir", "/tmp/x", "--role", "all", "search", "graphs" }, "all")]
    [InlineData(new[] { "search", "graphs", "--role", "worker" }, "worker")]
    public void CommandLine_PassesRoleToConfiguration_WhenRoleGiven(string[] args, string role)
    {
        var cli = InProcessCli.Create();
        var parse = cli.Parse(args);

        Assert.Empty(parse.Errors);
        var configuration = new ConfigurationBuilder().AddCommandLine([.. cli.HostArgs(parse)]).Build();
        Assert.Equal(Enum.Parse<ProcessRole>(role, ignoreCase: true), ProcessRoles.Of(configuration));
    }

    [Theory]
    [InlineData("all, indexer, web", "--role", "writer")]
    [InlineData("'--role'", "--role")]
    public void CommandLine_RejectsRoleNamingIt_WhenRoleMissingOrUnknown(string named, params string[] args) =>
        Assert.Contains(named, Assert.Single(InProcessCli.Create().Parse(args).Errors).Message);

    [Theory]
    [InlineData(ProcessRole.Web, "postgres", "store", true)]
    [InlineData(ProcessRole.Web, "postgres", "Store", true)]
    [InlineData(ProcessRole.Web, "postgres", null, false)]
    [InlineData(ProcessRole.Web, "postgres", "published", false)]
    [InlineData(ProcessRole.Indexer, "postgres", "published", false)]
    public void FollowsStore_OnlyForWebReplicasOnPostgres_WhenIndexSourceIsStore(ProcessRole role, string store, string? source, bool follows)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            [new("PaperSearch:Store", store), new("Index:Source", source)]).Build();

        Assert.Equal(follows, ServiceRegistration.FollowsStore(configuration, role));
    }

    [Theory]
    [InlineData(ProcessRole.Worker, "postgres", "--role web")]
    [InlineData(ProcessRole.All, "postgres", "--role web")]
    [InlineData(ProcessRole.Web, "sqlite", "PaperSearch:Store=postgres")]
    public void FollowsStore_RefusesNamingTheRule_WhenRoleOrStoreCannotFollow(ProcessRole role, string store, string rule)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            [new("PaperSearch:Store", store), new("Index:Source", "store")]).Build();

        Assert.Contains(rule, Assert.Throws<InvalidOperationException>(() => ServiceRegistration.FollowsStore(configuration, role)).Message);
    }

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
