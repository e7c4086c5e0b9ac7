using System.Globalization;

namespace PaperSearch.Web.Cli;

/// <summary>A usage mistake: printed with the verb's usage, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The arguments after a verb: positionals, <c>--name value</c> options (repeatable) and <c>--flag</c>s.
/// Each verb declares which option names take a value; anything else is a usage error.
/// </summary>
public sealed class VerbArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Positionals { get; } = [];

    public static VerbArgs Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var result = new VerbArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { result.Positionals.AddRange(args.Skip(i + 1)); break; }
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                result.Positionals.Add(a);
                continue;
            }
            var (name, inline) = a.IndexOf('=') is var eq and > 0 ? (a[..eq], a[(eq + 1)..]) : (a, null);
            if (valueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value."));
                if (!result._options.TryGetValue(name, out var list)) result._options[name] = list = [];
                list.Add(value);
            }
            else if (flags.Contains(name) && inline is null) result._flags.Add(name);
            else throw new UsageException($"Unknown option {name}.");
        }
        return result;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Option(string name) => _options.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> Options(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Option(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new UsageException($"{name} must be a whole number from {min} to {max:N0}; got '{text}'.");
        return v;
    }

    public T Enum<T>(string name, T fallback) where T : struct, Enum
    {
        var text = Option(name);
        if (text is null) return fallback;
        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var v) && System.Enum.IsDefined(v) && !int.TryParse(text, out _)) return v;
        throw new UsageException($"{name} must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}; got '{text}'.");
    }
}
