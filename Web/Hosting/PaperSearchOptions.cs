using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Web.Hosting;

/// <summary>Bound from "PaperSearch". Every default is also written in appsettings.json.</summary>
public sealed class PaperSearchOptions : IValidatableObject
{
    public const string Section = "PaperSearch";

    /// <summary>Where the store, index, models and job storage live; relative paths are resolved against the current directory.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>all (default), indexer or web; see <see cref="ProcessRole"/>. Read with <see cref="ProcessRoles.Of"/>.</summary>
    public string Role { get; set; } = "all";

    /// <summary>
    /// The address readers use, e.g. <c>https://papers.example.org/</c>: absolute URLs (feeds, the pages' base address)
    /// are built from it instead of the request's Host header. Unset: from the Host header, checked to be a valid authority.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public string ResolvedDataDir => Path.GetFullPath(DataDir);

    /// <summary>The parsed <see cref="PublicBaseUrl"/> (ending in '/'), or null when unset.</summary>
    public Uri? PublicBase => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null
        : Uri.TryCreate(PublicBaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl)) yield break;
        if (PublicBase is not { Scheme: "http" or "https" } uri || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            yield return new ValidationResult(
                $"PaperSearch:PublicBaseUrl '{PublicBaseUrl}' must be an absolute http or https URL such as https://papers.example.org/.",
                [nameof(PublicBaseUrl)]);
    }
}
