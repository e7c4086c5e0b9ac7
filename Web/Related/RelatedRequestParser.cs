using System.Globalization;
using PaperSearch.Categories;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Related;

/// <summary>
/// The one reading of a related-work request, shared by the REST endpoint, the page's form and the CLI: raw strings in,
/// a <see cref="RelatedWorkRequest"/> or messages a person can act on out (keyed by the field they are about).
/// </summary>
public static class RelatedRequestParser
{
    public const int DefaultK = 20;

    /// <summary>The raw inputs. <paramref name="Ids"/>: arXiv ids or URLs separated by commas, spaces or lines.</summary>
    public sealed record Raw(string? Text, string? Ids, string? BibTex, string? K = null, string? Cat = null, string? From = null,
        string? To = null, string? Sort = null, string? Mode = null);

    public static (RelatedWorkRequest? Request, Dictionary<string, string[]> Errors) Parse(Raw raw, int maxTextLength)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string key, string message) => errors[key] = [message];

        var text = raw.Text ?? "";
        var ids = (raw.Ids ?? "").Split([',', ' ', '\t', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var bib = raw.BibTex ?? "";
        if (string.IsNullOrWhiteSpace(text) && ids.Count == 0 && string.IsNullOrWhiteSpace(bib))
            Fail("text", "Nothing to find related work for: paste a text (a title and abstract, a draft, LaTeX source), give arXiv ids, or a BibTeX file.");
        if (text.Length > maxTextLength)
            Fail("text", $"The text is {text.Length:N0} characters; the limit is {maxTextLength:N0}. Paste the abstract and introduction, or split the draft.");
        if (bib.Length > maxTextLength)
            Fail("bibtex", $"The BibTeX is {bib.Length:N0} characters; the limit is {maxTextLength:N0}. Export only the collection you are writing about.");
        if (ids.Count > Exports.SelectionRequest.MaxIds)
            Fail("ids", $"At most {Exports.SelectionRequest.MaxIds} ids; this request has {ids.Count}.");

        var k = DefaultK;
        if (!string.IsNullOrWhiteSpace(raw.K) && (!int.TryParse(raw.K.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out k) || k is < 1 or > RelatedWorkRequest.MaxK))
            Fail("k", $"k must be a whole number from 1 to {RelatedWorkRequest.MaxK}; got '{Shorten(raw.K)}'.");
        if (!CategoryExpression.TryParse(raw.Cat, out var categories, out var catError)) Fail("cat", catError);
        var from = SearchRequestParser.ParseDate(raw.From, "from", Fail);
        var to = SearchRequestParser.ParseDate(raw.To, "to", Fail);
        if (from is { } f && to is { } t && f > t) Fail("to", $"The date range is empty: from {f:yyyy-MM-dd} is after to {t:yyyy-MM-dd}.");
        var sort = RelatedSort.Relevance;
        if (!string.IsNullOrWhiteSpace(raw.Sort) && (!Enum.TryParse(raw.Sort.Trim(), ignoreCase: true, out sort) || !Enum.IsDefined(sort) || int.TryParse(raw.Sort, out _)))
            Fail("sort", $"Unknown sort '{Shorten(raw.Sort)}'. Use relevance or date.");
        var ranking = RelatedRanking.Hybrid;
        if (!string.IsNullOrWhiteSpace(raw.Mode) && (!Enum.TryParse(raw.Mode.Trim(), ignoreCase: true, out ranking) || !Enum.IsDefined(ranking) || int.TryParse(raw.Mode, out _)))
            Fail("mode", $"Unknown mode '{Shorten(raw.Mode)}'. Use hybrid, bm25 or semantic.");

        if (errors.Count > 0) return (null, errors);
        return (new RelatedWorkRequest
        {
            Text = text, Ids = ids, BibTex = string.IsNullOrWhiteSpace(bib) ? null : bib, K = k,
            Categories = categories!, From = from, To = to, Sort = sort, Ranking = ranking,
        }, errors);
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";
}

/// <summary>The raw request of a multipart form (the page's post, the API's multipart body): fields by name, a .bib
/// file in <c>bib</c> appended to any <c>bibtex</c> field.</summary>
public static class RelatedForm
{
    public static async Task<RelatedRequestParser.Raw> ReadAsync(IFormCollection form, CancellationToken ct)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var bib = Field("bibtex");
        if (form.Files.GetFile("bib") is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var text = await reader.ReadToEndAsync(ct);
            bib = string.IsNullOrEmpty(bib) ? text : bib + "\n" + text;
        }
        return new(Field("text"), Field("ids"), bib, Field("k"), Field("cat"), Field("from"), Field("to"), Field("sort"), Field("mode"));
    }
}
