using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// Bound from "Proxy": the reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> this process believes.
/// Nothing configured means no proxy is believed (the client is the connection's address), whatever
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> says: that switch alone would trust the headers from anyone, so a forged
/// <c>X-Forwarded-For</c> could pass for loopback or dodge the rate limit with a new address per request.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>["127.0.0.1"]</c> for a proxy on this machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>["172.28.0.0/16"]</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may add to <c>X-Forwarded-For</c> (1: one proxy in front).</summary>
    [Range(1, 10, ErrorMessage = "Proxy:ForwardLimit must be 1..10.")]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>True when some proxy is trusted: forwarded headers are applied, and the job dashboard then always asks for credentials.</summary>
    public bool TrustsAProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<IPAddress> ProxyAddresses => KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a : null).OfType<IPAddress>();

    public IEnumerable<IPNetwork> ProxyNetworks => KnownNetworks.Select(n => IPNetwork.TryParse(n.Trim(), out var net) ? (IPNetwork?)net : null)
        .OfType<IPNetwork>();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var p in KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _)))
            yield return new ValidationResult($"Proxy:KnownProxies holds '{p}', which is not an IP address (e.g. 127.0.0.1 or ::1).", [nameof(KnownProxies)]);
        foreach (var n in KnownNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _)))
            yield return new ValidationResult($"Proxy:KnownNetworks holds '{n}', which is not a network in CIDR form (e.g. 172.28.0.0/16).", [nameof(KnownNetworks)]);
    }
}
