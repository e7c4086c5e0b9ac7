namespace PaperSearch.TestSupport;

/// <summary>
/// What every test host sets so that no test ever harvests from arXiv: the harvester points at a loopback port where
/// nothing listens (port 9, discard) and the nightly schedule is off. A test that wants a harvest sets its own local
/// OAI-PMH server and cron over these. <c>TestHostsHarvestOffline</c> tests check each host applies them.
/// </summary>
public static class OfflineHarvest
{
    public const string Endpoint = "http://127.0.0.1:9/oai";

    /// <summary>As configuration keys (<c>Section:Key</c>), for in-process hosts.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Harvest:Endpoint"] = Endpoint,
        ["Jobs:HarvestCron"] = "",
    };

    /// <summary>As environment variables (<c>Section__Key</c>), for child processes.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } =
        Settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);

    public static bool IsLoopback(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
