using System.Globalization;
using PaperSearch.Categories;
using PaperSearch.Papers;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Library;

/// <summary>
/// The one reading of a recommendation request (REST, the For-you page's form, the ❤ sort, the CLI): raw values in,
/// a <see cref="RecommendRequest"/> or messages keyed by field out.
/// </summary>
public static class RecommendRequestParser
{
    public const int DefaultK = 20;

    public sealed record Raw(IReadOnlyList<string>? Positives, IReadOnlyList<string>? Negatives = null, IReadOnlyList<string>? Candidates = null,
        string? K = null, string? Cat = null, string? From = null, string? To = null, string? Model = null);

    /// <summary>Ids as a user writes them: separated by commas, spaces or lines.</summary>
    public static IReadOnlyList<string> SplitIds(string? text) =>
        (text ?? "").Split([',', ' ', '\t', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries);

    public static (RecommendRequest? Request, Dictionary<string, string[]> Errors) Parse(Raw raw)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string key, string message) => errors[key] = [message];

        var positives = Ids(raw.Positives);
        var negatives = Ids(raw.Negatives);
        var candidates = raw.Candidates is null ? null : Ids(raw.Candidates);
        if (positives.Count == 0)
            Fail("positives", "The library is empty: give the ids of the papers you starred in \"positives\" (e.g. [\"2401.06769\"]).");
        if (positives.Count > RecommendRequest.MaxPositives)
            Fail("positives", $"At most {RecommendRequest.MaxPositives:N0} papers in a library; this one has {positives.Count:N0}.");
        if (negatives.Count > RecommendRequest.MaxNegatives)
            Fail("negatives", $"At most {RecommendRequest.MaxNegatives:N0} dismissed papers; this request has {negatives.Count:N0}.");
        if (candidates is { Count: > RecommendRequest.MaxCandidates })
            Fail("candidates", $"At most {RecommendRequest.MaxCandidates:N0} candidates to order; this request has {candidates.Count:N0}.");

        var k = DefaultK;
        if (!string.IsNullOrWhiteSpace(raw.K) && (!int.TryParse(raw.K.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out k) || k is < 1 or > RecommendRequest.MaxK))
            Fail("k", $"k must be a whole number from 1 to {RecommendRequest.MaxK}; got '{Shorten(raw.K)}'.");
        if (!CategoryExpression.TryParse(raw.Cat, out var categories, out var catError)) Fail("cat", catError);
        var from = SearchRequestParser.ParseDate(raw.From, "from", Fail);
        var to = SearchRequestParser.ParseDate(raw.To, "to", Fail);
        if (from is { } f && to is { } t && f > t) Fail("to", $"The date range is empty: from {f:yyyy-MM-dd} is after to {t:yyyy-MM-dd}.");
        var model = RecommendModel.Hybrid;
        if (!string.IsNullOrWhiteSpace(raw.Model) && (!Enum.TryParse(raw.Model.Trim(), ignoreCase: true, out model) || !Enum.IsDefined(model) || int.TryParse(raw.Model, out _)))
            Fail("model", $"Unknown model '{Shorten(raw.Model)}'. Use hybrid (the default), ridge, nearest, centroid or bm25.");

        if (errors.Count > 0) return (null, errors);
        return (new RecommendRequest
        {
            Positives = positives, Negatives = negatives, Candidates = candidates, K = k,
            Categories = categories!, From = from, To = to, Model = model,
        }, errors);
    }

    /// <summary>Distinct ids in their order; arXiv ids and URLs in their canonical form, any other id (a DOI) as written.</summary>
    private static List<string> Ids(IReadOnlyList<string>? raw) =>
        (raw ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Select(s => ArxivId.Normalize(s) ?? s)
            .Distinct(StringComparer.Ordinal).ToList();

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
