using System.CommandLine;
using System.Globalization;

namespace PaperSearch.Web.Cli;

/// <summary>Typed options whose messages name the option as typed (<c>--k must be a whole number from 1 to 100; got '0'.</c>).</summary>
public static class CliOptions
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; null when absent.</summary>
    public static Option<int?> WholeNumber(string name, int min, int max, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = r =>
        {
            var text = r.Tokens is [.., var last] ? last.Value : "";
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
            r.AddError($"{name} must be a whole number from {min} to {max:N0}; got '{text}'.");
            return null;
        },
    };

    /// <summary>One of <paramref name="values"/> (any case, returned as declared); they are also its tab completions.</summary>
    public static Option<string?> OneOf(string name, IReadOnlyList<string> values, string description)
    {
        var option = new Option<string?>(name)
        {
            Description = description,
            HelpName = string.Join('|', values),
            CustomParser = r =>
            {
                var text = r.Tokens is [.., var last] ? last.Value.Trim() : "";
                if (values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase)) is { } value) return value;
                r.AddError($"{name} must be one of {string.Join(", ", values)}; got '{text}'.");
                return null;
            },
        };
        option.CompletionSources.Add([.. values]);
        return option;
    }
}
