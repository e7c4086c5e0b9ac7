using System.Text;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Components.Query;

/// <summary>
/// The search page's state exactly as it sits in the URL (raw strings, unvalidated), so every link the page
/// draws — a page number, a category chip, "clear filters" — keeps the rest of the state and stays shareable.
/// </summary>
public sealed record SearchQuery(
    string? Q = null, string? Cat = null, string? From = null, string? To = null,
    string? Sort = null, string? Mode = null, string? Page = null, string? Size = null)
{
    public bool HasQuery => !string.IsNullOrWhiteSpace(Q);

    public bool HasFilters => !string.IsNullOrWhiteSpace(Cat) || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To);

    public SearchRequestParser.Raw ToRaw() => new(Q, Cat, From, To, Sort, Mode, Page, Size);

    /// <summary>A new query starts on page 1: changing anything but the page resets it.</summary>
    public SearchQuery WithPage(int page) => this with { Page = page <= 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public SearchQuery WithCategory(string? cat) => this with { Cat = cat, Page = null };

    public SearchQuery WithoutFilters() => this with { Cat = null, From = null, To = null, Page = null };

    /// <summary>Path plus query string with empty parameters left out: <c>/?q=bert&amp;cat=cs.CL</c>.</summary>
    public string ToUrl(string path = "/")
    {
        var sb = new StringBuilder(path);
        var first = true;
        void Add(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            sb.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
            first = false;
        }
        Add("q", Q);
        Add("cat", Cat);
        Add("from", From);
        Add("to", To);
        Add("sort", Sort);
        Add("mode", Mode);
        Add("page", Page);
        Add("size", Size);
        return sb.ToString();
    }
}
