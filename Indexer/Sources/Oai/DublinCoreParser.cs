using System.Collections.Frozen;
using System.Xml.Linq;
using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>
/// metadataPrefix <c>oai_dc</c>: the poorest format. Creators are "Last, First"; the abstract is the first
/// description, a "Comment: …" description holds the comments; subjects are names ("Computer Science - Learning")
/// mapped back to codes; dates are the version dates (first = v1).
/// </summary>
internal static class DublinCoreParser
{
    public static SourceRecord Parse(XElement m, XElement? header, string? identifier, string source, string position)
    {
        var identifiers = m.Children("identifier").Select(i => i.Value.Trim()).ToList();
        var rawId = identifiers.FirstOrDefault(i => ArxivId.TryParse(i, out _)) ?? identifier;
        return SourceRecords.Paper(source, position, rawId, id =>
        {
            var descriptions = m.Children("description").Select(d => SourceText.Clean(d.Value)).OfType<string>().ToList();
            var comments = descriptions.FirstOrDefault(d => d.StartsWith("Comment:", StringComparison.OrdinalIgnoreCase))?["Comment:".Length..].Trim();
            var dates = m.Children("date").Select(d => SourceText.ParseIso(d.Value)).OfType<DateTimeOffset>().Order().ToList();
            var categories = CategoryAliases.Canonicalize(m.Children("subject").Select(s => SubjectToCode(s.Value)).OfType<string>());
            if (categories.Count == 0) categories = CategoryAliases.Canonicalize((header?.Children("setSpec") ?? []).Select(s => SetSpecToCode(s.Value)).OfType<string>());
            return new Paper
            {
                Id = id.Id,
                Version = id.Version ?? Math.Max(1, dates.Count),
                Title = m.Clean("title") ?? "",
                Abstract = descriptions.FirstOrDefault(d => !d.StartsWith("Comment:", StringComparison.OrdinalIgnoreCase)) ?? "",
                Authors = m.Children("creator").Select(c => AuthorNames.FromLastCommaFirst(c.Value)).OfType<string>().ToList(),
                Categories = categories,
                Comments = string.IsNullOrEmpty(comments) ? null : comments,
                Doi = SourceText.Doi(identifiers.FirstOrDefault(i => i.StartsWith("doi:", StringComparison.OrdinalIgnoreCase))),
                Submitted = dates.Count > 0 ? dates[0] : null,
                Updated = dates.Count > 1 ? dates[^1] : null,
                Withdrawn = Withdrawal.IsWithdrawn(comments, latestSize: null),
            };
        });
    }

    /// <summary>"Statistics - Machine Learning" → stat.ML, "High Energy Physics - Theory" → hep-th; null when unknown.</summary>
    internal static string? SubjectToCode(string subject)
    {
        var s = SourceText.Clean(subject);
        if (s is null) return null;
        if (ExactNames.TryGetValue(s, out var exact)) return exact;
        var dash = s.IndexOf(" - ", StringComparison.Ordinal);
        if (dash < 0 || !ArchiveNames.TryGetValue(s[..dash], out var archive)) return null;
        var name = s[(dash + 3)..];
        if (LegacyNames.TryGetValue(name, out var current)) name = current;
        return ArxivTaxonomy.Names.FirstOrDefault(kv => ArxivTaxonomy.ArchiveOf(kv.Key).Equals(archive, StringComparison.OrdinalIgnoreCase)
                                                      && kv.Value.Equals(name, StringComparison.OrdinalIgnoreCase)).Key;
    }

    /// <summary>"physics:hep-th" → hep-th, "cs" → null (an archive alone is not a category).</summary>
    private static string? SetSpecToCode(string setSpec)
    {
        var code = setSpec[(setSpec.LastIndexOf(':') + 1)..].Trim();
        return ArxivTaxonomy.IsKnownCategory(code) ? code : null;
    }

    // Whole subjects that are a category's own name (archives without subcategories, such as hep-th or quant-ph).
    private static readonly FrozenDictionary<string, string> ExactNames = ArxivTaxonomy.Names
        .Where(kv => !kv.Key.Contains('.'))
        .GroupBy(kv => kv.Value, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> ArchiveNames = new Dictionary<string, string>
    {
        ["Computer Science"] = "cs", ["Mathematics"] = "math", ["Statistics"] = "stat", ["Physics"] = "physics",
        ["Astrophysics"] = "astro-ph", ["Condensed Matter"] = "cond-mat", ["Nonlinear Sciences"] = "nlin",
        ["Quantitative Biology"] = "q-bio", ["Quantitative Finance"] = "q-fin", ["Economics"] = "econ",
        ["Electrical Engineering and Systems Science"] = "eess",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Category names arXiv has since changed; old oai_dc records still carry the old ones.
    private static readonly FrozenDictionary<string, string> LegacyNames = new Dictionary<string, string>
    {
        ["Learning"] = "Machine Learning",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
