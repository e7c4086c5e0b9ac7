using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.AspNetCore.Hosting;

namespace PaperSearch.Web.Cli;

/// <summary>
/// The part of the command line that belongs to the .NET host, not to our options: configuration overrides
/// <c>--Section:Key=value</c> or <c>--Section:Key value</c> (any key with a section), the host's own keys as
/// <c>--key=value</c> (<c>--environment=…</c>, <c>--contentRoot=…</c>), and bare sections <c>--Section=</c>: what
/// <c>WebApplicationFactory</c> passes to Program when it writes its host configuration out as a command line.
/// Anything else that starts with <c>--</c> is for System.CommandLine, which names it if no option takes it.
/// </summary>
public static class HostArguments
{
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        HostDefaults.EnvironmentKey, HostDefaults.ContentRootKey, HostDefaults.ApplicationKey,
        WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey, WebHostDefaults.WebRootKey,
    };

    /// <summary>Moves the configuration overrides of <paramref name="args"/> into <paramref name="configuration"/>; returns the rest.</summary>
    /// <param name="options">Our options' names: <c>--k:5</c> is System.CommandLine's spelling of <c>--k 5</c>, not a setting.</param>
    public static IReadOnlyList<string> Lift(IReadOnlyList<string> args, List<string> configuration, IReadOnlySet<string> options)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                rest.AddRange(args.Skip(i)); // after "--" everything is an argument, as System.CommandLine reads it
                break;
            }
            var key = Key(a);
            if (key is null || options.Contains("--" + key.Split(':')[0])
                || !key.Contains(':') && !(a.Contains('=') && (HostKeys.Contains(key) || a.EndsWith('='))))
            {
                rest.Add(a);
                continue;
            }
            if (a.Contains('=') || i + 1 >= args.Count || args[i + 1].StartsWith('-')) configuration.Add(a);
            else configuration.Add(a + "=" + args[++i]);
        }
        return rest;
    }

    /// <summary>
    /// Tokens that look like an option (<c>--name</c>) but that no option took, so the parser gave them to a positional
    /// argument (the search query, import's paths): before a <c>--</c> they are a mistake, named in the error.
    /// </summary>
    public static List<string> UnknownOptions(ParseResult parse)
    {
        var escaped = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);
        return [.. parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens)
            .Where(t => !escaped.Contains(t) && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2)
            .Select(t => $"Unknown option '{t.Value}'.")];
    }

    private static string? Key(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2 ? arg[2..].Split('=', 2)[0] : null;
}
