namespace PaperSearch.Web.Components.Cards;

/// <summary>
/// The one rule for links built from stored metadata (licence, DOI): a stored value is data from a harvest or an
/// import, so it becomes an href only as an absolute http or https URL; <c>javascript:</c>, <c>data:</c>, relative
/// paths and anything unparsable are shown as text instead.
/// </summary>
public static class ExternalLinks
{
    /// <summary>The URL, normalised and escaped, when it is absolute http(s) with a host; otherwise null.</summary>
    public static string? Http(string? candidate) =>
        Uri.TryCreate(candidate?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0
            ? uri.AbsoluteUri
            : null;

    /// <summary>The doi.org resolver link of a DOI, each part escaped so <c>?</c>, <c>#</c> or a space stay inside it.</summary>
    public static string? Doi(string? doi) =>
        string.IsNullOrWhiteSpace(doi)
            ? null
            : Http("https://doi.org/" + string.Join('/', doi.Trim().Split('/').Select(Uri.EscapeDataString)));
}
