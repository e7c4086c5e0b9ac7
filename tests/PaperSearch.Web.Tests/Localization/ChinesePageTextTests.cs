using System.Text.RegularExpressions;
using AngleSharp.Dom;
using PaperSearch.Categories;

namespace PaperSearch.Web.Tests.Localization;

/// <summary>
/// The check that no English is left in the markup: every page rendered in Chinese, and every text a reader sees or
/// hears (text, title, placeholder, aria-label, alt) outside English-marked metadata (<c>lang="en"</c>: titles,
/// abstracts, authors, the parser's messages), code samples and the head must be free of English words. A literal
/// added to a .razor file instead of to the resources fails here, on the page that shows it.
/// </summary>
public sealed partial class ChinesePageTextTests(LocalizedApp app) : IClassFixture<LocalizedApp>
{
    /// <summary>Names that stay as they are in a Chinese interface (products, formats, acronyms), compared case-sensitively.</summary>
    private static readonly HashSet<string> Untranslated =
    [
        "PaperSearch", "arXiv", "API", "JSON", "PDF", "DOI", "BibTeX", "RIS", "Atom", "BM", "Okapi", "TL", "DR", "MSC", "ACM",
        "UTC", "CC", "top", "kb",
        // Names of formats and tools a reader exports from.
        "LaTeX", "bib", "Zotero", "Mendeley", "Overleaf", "JabRef",
        // The library lives in the browser and needs scripts: the name of what it needs.
        "JavaScript",
        // A new instance's notice: where a snapshot of all of arXiv comes from.
        "Kaggle",
        // The search box's example query: query syntax over English abstracts, the same in both languages.
        "graph", "neural", "sparse", "survey",
    ];

    /// <summary>Every page kind, and the states that carry their own words (no match, an empty day, a bad id).</summary>
    public static TheoryData<string> Pages() =>
    [
        "/", "/?q=attention", "/?q=attention&size=1", "/?q=zzzqqqxx&cat=cs.CL", "/?q=attention&from=notadate",
        $"/list/cs.CL?date={LocalizedApp.Day:yyyy-MM-dd}", "/list/cs.CL?date=2030-01-01", "/list/cs",
        "/paper/" + LocalizedApp.Summarised.Id, "/paper/" + LocalizedApp.Other.Id, "/paper/2503.49999", "/paper/not-an-id",
        "/status", "/not-found", "/related", "/related?text=attention%20mechanisms%20for%20neural%20summarization", "/related?ids=" + LocalizedApp.Other.Id + ",2501.99999", "/library", "/foryou",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ChinesePage_ShowsNoEnglishOutsideMarkedMetadata_WhenRendered(string url)
    {
        var page = await LocalizedApp.PageAsync(app.Client("zh-CN"), url);

        Assert.Equal("zh", page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(EnglishWords(page.Body!).Select(w => $"{url}: “{w}”"));
    }

    /// <summary>Also used by tests of page states this class's corpus never reaches (a new instance's first harvest).</summary>
    internal static IEnumerable<string> EnglishWords(IElement root)
    {
        foreach (var (text, where) in VisibleTexts(root))
        {
            var words = LatinWord().Matches(WithoutData(text)).Select(m => m.Value).Where(w => !Untranslated.Contains(w)).ToList();
            if (words.Count > 0) yield return $"{string.Join(" ", words)} in <{where}> {text.Trim()}";
        }
    }

    private static IEnumerable<(string Text, string Where)> VisibleTexts(IElement element)
    {
        // A textarea holds what the reader typed, not UI text.
        if (element.LocalName is "script" or "style" or "code" or "kbd" or "pre" or "template" or "textarea") yield break;
        if (element.GetAttribute("lang") is { } lang && lang.StartsWith("en", StringComparison.Ordinal)) yield break;
        foreach (var attribute in new[] { "title", "placeholder", "aria-label", "alt" })
            if (element.GetAttribute(attribute) is { Length: > 0 } value) yield return (value, $"{element.LocalName} {attribute}");
        foreach (var child in element.ChildNodes)
        {
            if (child is IElement e) { foreach (var t in VisibleTexts(e)) yield return t; }
            else if (child.NodeType == NodeType.Text && child.TextContent.Trim().Length > 0) yield return (child.TextContent, element.LocalName);
        }
    }

    /// <summary>
    /// Data that is English by nature: arXiv's category names and codes, ids (2503.41001, hep-th/9901001), versions (v2).
    /// </summary>
    private static string WithoutData(string text)
    {
        foreach (var name in ArxivTaxonomy.Names.Values.OrderByDescending(n => n.Length)) text = text.Replace(name, " ", StringComparison.Ordinal);
        text = DataToken().Replace(text, " ");
        return CodeLike().Replace(text, m => IsCategoryExpression(m.Value) ? " " : m.Value);
    }

    /// <summary>cs, cs.CL, hep-th, cs.AI+cs.LG-cs.CY: every part a code arXiv knows (so an English word is never taken for one).</summary>
    private static bool IsCategoryExpression(string token) =>
        token.Split('+', '−').All(part => IsCode(part) || part.Split('-').All(IsCode));

    private static bool IsCode(string code) => ArxivTaxonomy.Names.ContainsKey(code) || ArxivTaxonomy.Archives.Contains(code);

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    /// <summary>arXiv ids (2503.41001, hep-th/9901001), versions (v2) and the queries the pages above show back.</summary>
    [GeneratedRegex(@"\b([a-z-]+/\d{7}|v\d+|\d+\.\d+(v\d+)?|attention|zzzqqqxx|notadate|not-an-id)\b")]
    private static partial Regex DataToken();

    [GeneratedRegex(@"[A-Za-z][A-Za-z.+\-−]*[A-Za-z]")]
    private static partial Regex CodeLike();
}
