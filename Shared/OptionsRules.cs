using System.ComponentModel.DataAnnotations;

namespace PaperSearch;

/// <summary>
/// The one options convention: every options class states its rules as data annotations (<c>[Range]</c>,
/// <c>[Required]</c>, …) and, for rules across fields, <see cref="IValidatableObject"/>; hosts register it with
/// <c>AddOptions&lt;T&gt;().BindConfiguration(T.Section).ValidateDataAnnotations().ValidateOnStart()</c>, so a bad value
/// stops the start with the rule it broke. Code that builds options by hand (the CLI, tests, a factory that must not
/// throw) asks here for the same messages.
/// </summary>
public static class OptionsRules
{
    /// <summary>Every broken rule of <paramref name="options"/> as a sentence naming the setting; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(object options)
    {
        var context = new ValidationContext(options);
        var results = new List<ValidationResult>();
        var propertiesValid = Validator.TryValidateObject(options, context, results, validateAllProperties: true);
        // The validator checks the rules across fields only once every field is valid; a person fixing a file wants all at once.
        if (!propertiesValid && options is IValidatableObject whole) results.AddRange(whole.Validate(context));
        return results.Select(r => r.ErrorMessage ?? $"{string.Join(", ", r.MemberNames)} is invalid.").Distinct().ToList();
    }
}
