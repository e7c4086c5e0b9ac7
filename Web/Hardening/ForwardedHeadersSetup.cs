using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// The one place forwarded headers are configured. Runs after ASP.NET's own setup (a post-configure), so even with
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, which clears the trusted lists and so believes anyone, only the
/// proxies in <see cref="ProxyOptions"/> are believed.
/// </summary>
internal static class ForwardedHeadersSetup
{
    /// <summary>True when ASP.NET itself applies forwarded headers (the environment switch the container images know).</summary>
    public static bool EnabledByEnvironment(IConfiguration configuration) =>
        string.Equals(configuration["FORWARDEDHEADERS_ENABLED"] ?? configuration["ASPNETCORE_FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);

    public static void AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<ProxyOptions>>((forwarded, proxy) => Apply(forwarded, proxy.Value));
    }

    private static void Apply(ForwardedHeadersOptions forwarded, ProxyOptions proxy)
    {
        // Empty trusted lists mean "believe every sender" to the middleware: with no proxy configured, believe none.
        forwarded.ForwardedHeaders = proxy.TrustsAProxy ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        forwarded.ForwardLimit = proxy.ForwardLimit;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var address in proxy.ProxyAddresses) forwarded.KnownProxies.Add(address);
        foreach (var network in proxy.ProxyNetworks) forwarded.KnownIPNetworks.Add(network);
    }

    /// <summary>Applies forwarded headers from trusted proxies; call first in the pipeline. Nothing to do when none is trusted.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        // With the environment switch on, ASP.NET already runs the middleware first (with the lists set above).
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.TrustsAProxy && !EnabledByEnvironment(app.Configuration))
            app.UseForwardedHeaders();
    }
}
