using YamlDotNet.RepresentationModel;

namespace PaperSearch.Web.Tests.Deployment;

/// <summary>One volume entry of a service in compose's short syntax, <c>source:target[:ro]</c>.</summary>
internal sealed record ComposeMount(string Source, string Target, bool ReadOnly)
{
    public bool IsNamedVolume => !Source.StartsWith('.') && !Source.StartsWith('/');
}

/// <summary>
/// docker-compose.yml as parsed YAML,
/// No Docker engine runs here, so the structure is what can be checked.
/// </summary>
internal sealed class ComposeFile(YamlMappingNode root)
{
    public static ComposeFile Load(string relativePath = "docker-compose.yml")
    {
        using var reader = new StringReader(RepoFiles.Read(relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return new ComposeFile((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        Map(root, "services")!.Children.ToDictionary(kv => Text(kv.Key), kv => (YamlMappingNode)kv.Value);

    public YamlMappingNode Root => root;

    public IReadOnlyList<string> DeclaredVolumes => Map(root, "volumes")?.Children.Keys.Select(Text).ToList() ?? [];

    public YamlMappingNode Service(string name) =>
        Services.TryGetValue(name, out var s) ? s : throw new Xunit.Sdk.XunitException($"docker-compose.yml has no service '{name}'.");

    public static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;

    /// <summary>A list value (or a single string, split on spaces, as compose accepts for <c>command</c>).</summary>
    public static IReadOnlyList<string> List(YamlMappingNode node, string key) =>
        !node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? []
        : v is YamlSequenceNode seq ? seq.Children.Select(Text).ToList()
        : Text(v).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The service's environment, from either the map or the <c>KEY=value</c> list form.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue(new YamlScalarNode("environment"), out var env)) return new Dictionary<string, string>();
        if (env is YamlMappingNode map) return map.Children.ToDictionary(kv => Text(kv.Key), kv => Text(kv.Value));
        return ((YamlSequenceNode)env).Children.Select(Text)
            .ToDictionary(e => e.Split('=', 2)[0], e => e.Contains('=') ? e.Split('=', 2)[1] : "");
    }

    public static IReadOnlyList<ComposeMount> Mounts(YamlMappingNode service) => List(service, "volumes").Select(v =>
    {
        var parts = v.Split(':');
        return new ComposeMount(parts[0], parts.Length > 1 ? parts[1] : parts[0], parts.Length > 2 && parts[2].Split(',').Contains("ro"));
    }).ToList();

    /// <summary>The health check command as one string (<c>["CMD", "curl", …]</c> joined by spaces), or null.</summary>
    public static string? HealthCheck(YamlMappingNode service) =>
        Map(service, "healthcheck") is { } hc ? string.Join(' ', List(hc, "test")) : null;

    private static string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : node.ToString();
}
