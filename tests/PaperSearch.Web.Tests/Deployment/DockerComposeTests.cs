using System.Net;
using System.Text.RegularExpressions;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Tests.Deployment;

/// <summary>docker-compose.yml and the proxy config, checked for structure (no Docker engine runs here).</summary>
public sealed partial class DockerComposeTests
{
    // The store key is read as a plain string by AddPaperStore (PaperSearch:Store); the rest come from the app's types.
    private const string StoreKey = "PaperSearch__Store";
    private const string ConnectionStringKey = "ConnectionStrings__PaperSearch";
    private const string RefreshKey = "Index__" + nameof(IndexOptions.RefreshSeconds);
    private static readonly string DataDirKey = $"{PaperSearchOptions.Section}__{nameof(PaperSearchOptions.DataDir)}";

    /// <summary>The port the image's app listens on (ASPNETCORE_HTTP_PORTS in the .NET base image; EXPOSE in the Dockerfile).</summary>
    private const string AppPort = "8080";

    private static readonly string[] AppServices = ["indexer", "web", "worker"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Compose_DeclaresPostgresIndexerWebWorkerAndProxy_EachWithAnImageOrBuild_WhenParsed()
    {
        Assert.Equal(["indexer", "postgres", "proxy", "replica-1", "replica-2", "web", "worker"], _compose.Services.Keys.Order());
        foreach (var (name, service) in _compose.Services)
            Assert.True(ComposeFile.Scalar(service, "image") is not null || service.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("build")),
                $"service '{name}' has neither image nor build");

        Assert.StartsWith("postgres:16", ComposeFile.Scalar(_compose.Service("postgres"), "image"));
        Assert.StartsWith("caddy:", ComposeFile.Scalar(_compose.Service("proxy"), "image"));
        foreach (var name in AppServices)
        {
            var context = ComposeFile.Scalar(_compose.Service(name), "build");
            Assert.NotNull(context);
            Assert.True(File.Exists(Path.Combine(RepoFiles.Path(context), "Dockerfile")), $"{name}: no Dockerfile in build context '{context}'");
        }
    }

    [Fact]
    public void Compose_AppsBehindTheProxy_BelieveForwardedHeadersFromTheProxysFixedAddressOnly()
    {
        var proxyNetworks = ComposeFile.Map(_compose.Service("proxy"), "networks")!;
        var address = ComposeFile.Scalar(ComposeFile.Map(proxyNetworks, "backend")!, "ipv4_address");
        Assert.NotNull(address);
        var subnet = ComposeFile.Scalar((YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlSequenceNode)
            ComposeFile.Map(ComposeFile.Map(ComposeFile.Map(_compose.Root, "networks")!, "backend")!, "ipam")!
                .Children[new YamlDotNet.RepresentationModel.YamlScalarNode("config")]).Children[0], "subnet")!;
        Assert.True(System.Net.IPNetwork.Parse(subnet).Contains(IPAddress.Parse(address)), $"{address} is outside {subnet}");
        foreach (var name in new[] { "indexer", "web" })
        {
            var env = ComposeFile.Environment(_compose.Service(name));
            Assert.Equal(address, env["Proxy__KnownProxies__0"]);
            // The switch alone would believe X-Forwarded-For from anyone; the app ignores it, and compose must not rely on it.
            Assert.False(env.ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"), $"{name} sets ASPNETCORE_FORWARDEDHEADERS_ENABLED");
            Assert.Equal(["backend"], ComposeFile.List(_compose.Service(name), "networks"));
        }
    }

    [Fact]
    public void Compose_PublishesPortsOnlyOnTheProxy_WhenParsed()
    {
        foreach (var (name, service) in _compose.Services.Where(s => s.Key != "proxy"))
            Assert.True(ComposeFile.List(service, "ports").Count == 0, $"service '{name}' publishes a port; only the proxy may");
        Assert.Single(ComposeFile.List(_compose.Service("proxy"), "ports"));
    }

    [Fact]
    public void Compose_RunsTwoWebReplicas_OneIndexer_AndWorkersOnDemand_EachInItsRole_WhenParsed()
    {
        var web = _compose.Service("web");
        Assert.Equal("2", ComposeFile.Scalar(ComposeFile.Map(web, "deploy")!, "replicas"));
        Assert.Equal(["--role", "web"], ComposeFile.List(web, "command"));

        var indexer = _compose.Service("indexer");
        Assert.Equal(["--role", "indexer"], ComposeFile.List(indexer, "command"));
        // One Lucene writer: the indexer must never be scaled by the file itself.
        Assert.True(ComposeFile.Map(indexer, "deploy") is not { } d || ComposeFile.Scalar(d, "replicas") is null or "1");

        // Embedding workers on demand (--scale worker=N), after the indexer has prepared the store and Hangfire's schema.
        var worker = _compose.Service("worker");
        Assert.Equal(["--role", "worker"], ComposeFile.List(worker, "command"));
        Assert.Equal("0", ComposeFile.Scalar(ComposeFile.Map(worker, "deploy")!, "replicas"));
        Assert.Equal("service_healthy", DependsOn("worker", "indexer"));
        Assert.Contains(ComposeFile.Mounts(worker), m => m.Target == ComposeFile.Environment(worker)[DataDirKey] + "/models" && m.IsNamedVolume);
    }

    [Fact]
    public void Compose_ReplicasProfile_FollowsTheStore_SharingNoVolumeWithTheIndexer_BehindTheProxy()
    {
        string[] replicas = ["replica-1", "replica-2"];
        var indexerVolumes = ComposeFile.Mounts(_compose.Service("indexer")).Select(m => m.Source).ToHashSet();
        var seen = new HashSet<string>();
        foreach (var name in replicas)
        {
            var service = _compose.Service(name);
            Assert.Equal(["replicas"], ComposeFile.List(service, "profiles"));
            Assert.Equal(["--role", "web"], ComposeFile.List(service, "command"));
            var env = ComposeFile.Environment(service);
            Assert.Equal("store", env["Index__Source"]);
            Assert.Equal("postgres", env[StoreKey]);
            Assert.Contains("Host=postgres;", env[ConnectionStringKey]);
            Assert.Contains("Host=", env["ConnectionStrings__PaperSearchRead"]);
            Assert.True(int.TryParse(env[RefreshKey], out var seconds) && seconds > 0);
            // Only PostgreSQL in common: its own writable data volume (index, models), none of the indexer's, none of the other replica's.
            var mount = Assert.Single(ComposeFile.Mounts(service));
            Assert.True(mount.IsNamedVolume);
            Assert.Equal(env[DataDirKey], mount.Target);
            Assert.False(mount.ReadOnly);
            Assert.DoesNotContain(mount.Source, indexerVolumes);
            Assert.True(seen.Add(mount.Source), $"{name} shares its volume with another replica");
            Assert.Contains(mount.Source, _compose.DeclaredVolumes);
            Assert.Equal("service_healthy", DependsOn(name, "indexer")); // the indexer migrates; a replica only waits
            Assert.Contains($"http://localhost:{AppPort}/health", ComposeFile.HealthCheck(service));
            // Behind the proxy: the alias `web` adds it to the addresses the Caddyfile balances over.
            var backend = ComposeFile.Map(ComposeFile.Map(service, "networks")!, "backend")!;
            Assert.Equal(["web"], ComposeFile.List(backend, "aliases"));
            Assert.Equal("172.28.0.10", env["Proxy__KnownProxies__0"]);
        }
        // Not started without the profile: the default deployment is unchanged.
        foreach (var name in new[] { "postgres", "indexer", "web", "worker", "proxy" })
            Assert.Empty(ComposeFile.List(_compose.Service(name), "profiles"));
    }

    [Fact]
    public void Compose_HealthChecksPostgresIndexerAndWeb_OnTheAppsPort()
    {
        Assert.Contains("pg_isready", ComposeFile.HealthCheck(_compose.Service("postgres")));
        foreach (var name in AppServices)
        {
            var check = ComposeFile.HealthCheck(_compose.Service(name));
            Assert.NotNull(check);
            Assert.Contains($"http://localhost:{AppPort}/health", check);
        }
    }

    [Fact]
    public async Task Compose_HealthCheckPath_IsAnsweredByTheApp()
    {
        var url = HealthUrl().Match(ComposeFile.HealthCheck(_compose.Service("web"))!);
        Assert.True(url.Success);
        using var app = new PaperSearchApp();
        var response = await app.CreateClient().GetAsync(url.Groups["path"].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Compose_StartsInDependencyOrder_PostgresThenIndexerThenWebThenProxy()
    {
        Assert.Equal("service_healthy", DependsOn("indexer", "postgres"));
        Assert.Equal("service_healthy", DependsOn("web", "postgres"));
        Assert.Equal("service_healthy", DependsOn("web", "indexer"));
        Assert.Equal("service_healthy", DependsOn("proxy", "web"));
    }

    [Fact]
    public void Compose_DeclaresEveryNamedVolume_AndMountsTheDataVolumeReadOnlyOnWeb()
    {
        var used = _compose.Services.Values.SelectMany(ComposeFile.Mounts).Where(m => m.IsNamedVolume).Select(m => m.Source).ToHashSet();
        Assert.Equal(used.Order(), _compose.DeclaredVolumes.Order());

        Assert.Contains(ComposeFile.Mounts(_compose.Service("postgres")), m => m.Target == "/var/lib/postgresql/data" && m.IsNamedVolume);

        var indexer = ComposeFile.Mounts(_compose.Service("indexer"));
        var web = ComposeFile.Mounts(_compose.Service("web"));
        var dataDir = ComposeFile.Environment(_compose.Service("web"))[DataDirKey];
        Assert.Equal(dataDir, ComposeFile.Environment(_compose.Service("indexer"))[DataDirKey]);

        // The index (and settings.json) live in the data dir: written by the indexer, read-only on every web replica.
        var indexerData = Assert.Single(indexer, m => m.Target == dataDir);
        var webData = Assert.Single(web, m => m.Target == dataDir);
        Assert.Equal(indexerData.Source, webData.Source);
        Assert.False(indexerData.ReadOnly);
        Assert.True(webData.ReadOnly);

        // The model is extracted on first use into {data}/models (ModelFiles): a writable shared volume for both roles.
        var modelsDir = dataDir + "/models";
        var indexerModels = Assert.Single(indexer, m => m.Target == modelsDir);
        var webModels = Assert.Single(web, m => m.Target == modelsDir);
        Assert.Equal(indexerModels.Source, webModels.Source);
        Assert.False(webModels.ReadOnly);
    }

    [Fact]
    public void Compose_ConfiguresTheAppWithTheNamesItReads_WhenParsed()
    {
        var postgres = ComposeFile.Environment(_compose.Service("postgres"));
        foreach (var name in AppServices)
        {
            var env = ComposeFile.Environment(_compose.Service(name));
            Assert.Equal("postgres", env[StoreKey]);
            var connection = env[ConnectionStringKey];
            Assert.Contains("Host=postgres;", connection);
            Assert.Contains($"Database={postgres["POSTGRES_DB"]};", connection);
            Assert.Contains($"Username={postgres["POSTGRES_USER"]};", connection);
            Assert.Contains("Password=", connection);
            Assert.StartsWith("/", env[DataDirKey]);
        }
        Assert.True(int.TryParse(ComposeFile.Environment(_compose.Service("web"))[RefreshKey], out var seconds) && seconds > 0);

        var indexer = ComposeFile.Environment(_compose.Service("indexer"));
        Assert.Contains($"{JobsOptions.Section}__{nameof(JobsOptions.DashboardUser)}", indexer.Keys);
        Assert.Contains($"{JobsOptions.Section}__{nameof(JobsOptions.DashboardPassword)}", indexer.Keys);
    }

    [Fact]
    public void ProxyConfig_BalancesTheWebService_AndSendsJobsToTheIndexer()
    {
        var proxy = _compose.Service("proxy");
        var config = Assert.Single(ComposeFile.Mounts(proxy), m => m.Target == "/etc/caddy/Caddyfile");
        Assert.True(config.ReadOnly);
        Assert.True(RepoFiles.Exists(config.Source), $"proxy config {config.Source} is not in the repository");
        var caddyfile = RepoFiles.Read(config.Source);

        // The replicas are found through the service name's DNS records (one address per replica).
        var dynamic = DynamicUpstream().Match(caddyfile);
        Assert.True(dynamic.Success, "the Caddyfile has no 'dynamic a { name … port … }' block");
        Assert.Equal("web", dynamic.Groups["name"].Value);
        Assert.Equal(AppPort, dynamic.Groups["port"].Value);

        var jobs = JobsUpstream().Match(caddyfile);
        Assert.True(jobs.Success, "the Caddyfile does not route /jobs");
        Assert.Equal($"indexer:{AppPort}", jobs.Groups["upstream"].Value);

        foreach (Match host in StaticUpstream().Matches(caddyfile))
            Assert.Contains(host.Groups["host"].Value, _compose.Services.Keys);
    }

    private string? DependsOn(string service, string dependency) =>
        ComposeFile.Map(_compose.Service(service), "depends_on") is { } deps && ComposeFile.Map(deps, dependency) is { } d
            ? ComposeFile.Scalar(d, "condition")
            : null;

    [GeneratedRegex(@"http://localhost:\d+(?<path>/\S*)")]
    private static partial Regex HealthUrl();

    [GeneratedRegex(@"dynamic\s+a\s*\{[^}]*?name\s+(?<name>\S+)[^}]*?port\s+(?<port>\d+)", RegexOptions.Singleline)]
    private static partial Regex DynamicUpstream();

    [GeneratedRegex(@"handle\s+/jobs\*\s*\{\s*reverse_proxy\s+(?<upstream>\S+)")]
    private static partial Regex JobsUpstream();

    [GeneratedRegex(@"reverse_proxy\s+(?<host>[a-z][\w-]*):\d+")]
    private static partial Regex StaticUpstream();
}
