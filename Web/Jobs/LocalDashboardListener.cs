using Microsoft.AspNetCore.Hosting;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Jobs;

/// <summary>
/// Adds the loopback-only listener that serves the job dashboard without credentials
/// (<see cref="JobsOptions.LocalDashboardPort"/>) beside the site's own addresses, in the roles that run jobs.
/// </summary>
internal static class LocalDashboardListener
{
    /// <summary>ASP.NET's address when none is configured.</summary>
    private const string DefaultUrls = "http://localhost:5000";

    /// <summary>The URL of the listener, or null when this process opens none.</summary>
    public static string? UrlOf(IConfiguration configuration, ProcessRole role)
    {
        if (!role.Writes()) return null;
        var port = configuration.GetSection(JobsOptions.Section).GetValue(nameof(JobsOptions.LocalDashboardPort), new JobsOptions().LocalDashboardPort);
        return port is > 0 and <= 65535 ? $"http://127.0.0.1:{port}" : null;
    }

    public static void AddLocalDashboardListener(this WebApplicationBuilder builder, ProcessRole role)
    {
        if (UrlOf(builder.Configuration, role) is not { } local) return;
        // Endpoints written under Kestrel:Endpoints replace every URL list; whoever writes them adds this one there too.
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()) return;
        builder.WebHost.UseUrls([.. SiteUrls(builder.Configuration), local]);
    }

    /// <summary>What the host would listen on without us: <c>urls</c> (--urls, ASPNETCORE_URLS), else the port lists
    /// (ASPNETCORE_HTTP_PORTS, which the container images set), else ASP.NET's default.</summary>
    private static IEnumerable<string> SiteUrls(IConfiguration configuration)
    {
        static IEnumerable<string> Split(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]).ToList();
        if (urls.Count > 0) return urls;
        var ports = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(p => $"https://*:{p}")).ToList();
        return ports.Count > 0 ? ports : [DefaultUrls];
    }
}
