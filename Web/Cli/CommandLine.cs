using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli;

/// <summary>
/// Splits the process arguments into global options (<c>--data-dir DIR</c>, <c>--role all|indexer|web|worker</c>), a verb, and the verb's own
/// arguments. No verb means <c>serve</c>; arguments the web host understands (<c>--urls …</c>) pass through.
/// </summary>
public sealed record CommandLine(string Verb, IReadOnlyList<string> VerbArgs, IReadOnlyList<string> HostArgs)
{
    public static readonly string[] Verbs =
        ["serve", "import", "harvest", "reindex", "embed", "search", "stats", "eval", "tune", "backup", "restore", "migrate", "copy-store", "help"];

    public static CommandLine Parse(string[] args)
    {
        string? verb = null;
        var verbArgs = new List<string>();
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a is "--data-dir" or "--data")
            {
                if (i + 1 >= args.Length) throw new UsageException("--data-dir needs a directory.");
                hostArgs.Add("--PaperSearch:DataDir=" + args[++i]);
                continue;
            }
            if (a.StartsWith("--data-dir=", StringComparison.Ordinal))
            {
                hostArgs.Add("--PaperSearch:DataDir=" + a["--data-dir=".Length..]);
                continue;
            }
            if (a is "--role" || a.StartsWith("--role=", StringComparison.Ordinal))
            {
                var role = a == "--role" ? (i + 1 < args.Length ? args[++i] : null) : a["--role=".Length..];
                if (!ProcessRoles.TryParse(role, out _))
                    throw new UsageException($"--role needs one of: {string.Join(", ", ProcessRoles.Names)}.");
                hostArgs.Add("--PaperSearch:Role=" + role!.Trim().ToLowerInvariant());
                continue;
            }
            if (a is "-h" or "--help" && verb is null) { verb = "help"; continue; }
            if (verb is not null && verb != "serve") { verbArgs.Add(a); continue; }
            if (a.StartsWith('-'))
            {
                // An option for the web host (e.g. --urls http://…): keep its value with it.
                hostArgs.Add(a);
                if (!a.Contains('=') && i + 1 < args.Length && !args[i + 1].StartsWith('-') && !IsVerb(args[i + 1]))
                    hostArgs.Add(args[++i]);
                continue;
            }
            if (verb is null && IsVerb(a)) { verb = a.ToLowerInvariant(); continue; }
            throw new UsageException($"Unknown command '{a}'. Commands: {string.Join(", ", Verbs)}.");
        }
        return new CommandLine(verb ?? "serve", verbArgs, hostArgs);
    }

    private static bool IsVerb(string s) => Verbs.Contains(s, StringComparer.OrdinalIgnoreCase);
}
