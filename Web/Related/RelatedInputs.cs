using System.Text.RegularExpressions;
using PaperSearch.Indexer.Index;
using PaperSearch.Papers;

namespace PaperSearch.Web.Related;

/// <summary>
/// A request's inputs, resolved against one index snapshot: the stored papers they name (by id, or a BibTeX entry's
/// eprint, arXiv URL, arXiv DOI 10.48550/arXiv.*, else its normalised title), the texts to read (the free text as plain
/// words, each stored input's title + abstract, each unmatched entry's title + abstract), and what was not recognised.
/// </summary>
public sealed partial record RelatedInputs(
    IReadOnlyList<string> Ids, string FreeText, IReadOnlyList<string> PaperTexts, IReadOnlyList<string> EntryTexts,
    IReadOnlyList<RecognisedInput> Recognised, IReadOnlyList<UnmatchedInput> Unmatched)
{
    /// <summary>Every text of the inputs as one document, for choosing the query terms.</summary>
    public string AllText => string.Join("\n\n", PaperTexts.Concat(EntryTexts).Prepend(FreeText).Where(t => t.Length > 0));

    public bool IsEmpty => Ids.Count == 0 && AllText.Length == 0;

    /// <summary>Throws <see cref="BibTexFormatException"/> for a .bib it cannot read.</summary>
    public static RelatedInputs Resolve(RelatedWorkRequest request, SearchSnapshot snapshot)
    {
        var ids = new List<string>();
        var paperTexts = new List<string>();
        var entryTexts = new List<string>();
        var recognised = new List<RecognisedInput>();
        var unmatched = new List<UnmatchedInput>();

        bool Add(string id, string input, string how)
        {
            if (ids.Contains(id)) return true;
            if (snapshot.TextOf(id) is not { } text) return false;
            ids.Add(id);
            paperTexts.Add(text);
            recognised.Add(new RecognisedInput(input, id, TitleOf(text), how));
            return true;
        }

        foreach (var raw in request.Ids.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (ArxivId.Normalize(raw) is not { } id) unmatched.Add(new UnmatchedInput(raw, null, "not an arXiv id or URL (e.g. 2401.06769 or https://arxiv.org/abs/2401.06769)"));
            else if (!Add(id, raw, "id")) unmatched.Add(new UnmatchedInput(raw, null, $"arXiv:{id} is not in this instance"));
        }

        if (!string.IsNullOrWhiteSpace(request.BibTex))
            foreach (var entry in BibTexReader.Parse(request.BibTex))
            {
                if (entry.Type is "string" or "comment") continue;
                var input = $"@{entry.Type}{{{entry.Key}}}";
                var (arxivId, how) = ArxivIdOf(entry);
                if (arxivId is not null && Add(arxivId, input, how!)) continue;
                var byTitle = entry["title"] is { } title ? snapshot.TitleMatches(title) : [];
                if (byTitle.Count > 0 && Add(byTitle[0], input, "title")) continue;
                unmatched.Add(new UnmatchedInput(input, entry.Line, arxivId is not null
                    ? $"arXiv:{arxivId} is not in this instance" + (entry["title"] is null ? "" : "; its title is used as text")
                    : entry["title"] is null ? "no title, eprint, arXiv URL or DOI to match" : "no stored paper has this title or arXiv id; its title is used as text"));
                var text = string.Join(". ", new[] { entry["title"], entry["abstract"] }.Where(t => !string.IsNullOrWhiteSpace(t)));
                if (text.Length > 0) entryTexts.Add(LatexText.ToPlain(text));
            }

        return new RelatedInputs(ids, LatexText.ToPlain(request.Text.Trim()), paperTexts, entryTexts, recognised, unmatched);
    }

    /// <summary>The arXiv id an entry carries and where: <c>eprint</c>, an arXiv URL in any field, an arXiv DOI, or
    /// "arXiv:…" in the journal or note (Google Scholar writes "arXiv preprint arXiv:2101.00001").</summary>
    public static (string? Id, string? How) ArxivIdOf(BibEntry entry)
    {
        if (entry["eprint"] is { } eprint && ArxivId.Normalize(eprint) is { } e
            && (entry["archiveprefix"] ?? entry["eprinttype"] ?? "arxiv").Equals("arxiv", StringComparison.OrdinalIgnoreCase))
            return (e, "eprint");
        foreach (var (name, value) in entry.Fields)
        {
            if (ArxivUrl().Match(value) is { Success: true } u && ArxivId.Normalize(u.Groups[1].Value) is { } fromUrl) return (fromUrl, "url");
            if (ArxivDoi().Match(value) is { Success: true } d && ArxivId.Normalize(d.Groups[1].Value) is { } fromDoi) return (fromDoi, "doi");
            if (name is "journal" or "note" or "howpublished" or "booktitle" or "publisher"
                && ArxivMention().Match(value) is { Success: true } m && ArxivId.Normalize(m.Groups[1].Value) is { } fromText)
                return (fromText, name);
        }
        return (null, null);
    }

    private static string TitleOf(string text) => text.Split(".\n", 2)[0];

    [GeneratedRegex(@"arxiv\.org/(?:abs|pdf)/([a-z\-\.]*/?\d{4}\.?\d{3,5}(?:v\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivUrl();

    [GeneratedRegex(@"10\.48550/arxiv\.([a-z\-\.]*/?\d{4}\.?\d{3,5})", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivDoi();

    [GeneratedRegex(@"arxiv:\s*([a-z\-\.]*/?\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivMention();
}
