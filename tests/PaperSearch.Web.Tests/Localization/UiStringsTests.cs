using System.Text.RegularExpressions;
using System.Xml.Linq;
using PaperSearch.Web.Tests.Deployment;

namespace PaperSearch.Web.Tests.Localization;

/// <summary>
/// The two resource files against each other and against the components: a string added in one language only, a
/// key a component asks for that neither file has, or a translation that lost an argument fails here (see
/// <see cref="ChinesePageTextTests"/> for English left in the markup itself).
/// </summary>
public sealed partial class UiStringsTests
{
    private const string English = "Web/Localization/UiStrings.resx";
    private const string Chinese = "Web/Localization/UiStrings.zh.resx";

    internal static Dictionary<string, string> Read(string relative) =>
        XDocument.Parse(RepoFiles.Read(relative)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void UiStrings_HaveTheSameKeys_InEnglishAndChinese()
    {
        var en = Read(English).Keys.ToHashSet();
        var zh = Read(Chinese).Keys.ToHashSet();

        Assert.Empty(en.Except(zh).Select(k => "only in English: " + k));
        Assert.Empty(zh.Except(en).Select(k => "only in Chinese: " + k));
    }

    [Fact]
    public void UiStrings_KeepEveryArgument_WhenTranslated()
    {
        var en = Read(English);
        var zh = Read(Chinese);

        var lost = en.Keys.Intersect(zh.Keys)
            .Where(k => !Arguments(en[k]).SetEquals(Arguments(zh[k])))
            .Select(k => $"{k}: {string.Join(",", Arguments(en[k]))} vs {string.Join(",", Arguments(zh[k]))}");
        Assert.Empty(lost);
    }

    [Fact]
    public void UiStrings_HaveBothPluralForms_WhereTheyHaveOne()
    {
        var keys = Read(English).Keys.ToHashSet();

        Assert.Empty(keys.Where(k => k.EndsWith(".One", StringComparison.Ordinal) && !keys.Contains(k[..^4] + ".Other")).Select(k => "no .Other: " + k));
        Assert.Empty(keys.Where(k => k.EndsWith(".Other", StringComparison.Ordinal) && !keys.Contains(k[..^6] + ".One")).Select(k => "no .One: " + k));
    }

    /// <summary>
    /// Counts the plural helper does not choose the form of yet: the library's messages are formatted in the browser
    /// (library-page.js), a maximum is never one, and a one-day chart's paper total is left in the plural. The first-harvest
    /// notice (FirstRun.*, Status.FirstHarvest.*) holds two counts each (days, papers): not made plural yet (issue 14 note).
    /// </summary>
    private static readonly HashSet<string> PluralOnly =
    [
        "Library.Count", "Library.Imported", "Library.UnmatchedCount", "Library.LinkHolds", "Library.LinkAdd", "Library.Full",
        "Chart.Description.One",
    ];

    [Fact]
    public void UiStrings_SayACountOfOneInTheSingular_InEnglish()
    {
        // "1 papers", "1 inputs": a count followed by a plural noun belongs in an .Other form, with an .One beside it.
        var en = Read(English);

        Assert.Empty(en.Where(kv => !kv.Key.EndsWith(".Other", StringComparison.Ordinal) && !PluralOnly.Contains(kv.Key) && CountThenPlural().IsMatch(kv.Value))
            .Select(kv => $"{kv.Key} needs .One and .Other forms (L.Plural): {kv.Value}"));
    }

    [Fact]
    public void UiStrings_AreChinese_InTheChineseFile()
    {
        // A value pasted in English (or left empty) is a string added in one language only.
        var zh = Read(Chinese);

        Assert.Empty(zh.Where(kv => !HanCharacter().IsMatch(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void Components_UseOnlyKeysTheResourcesHave_WhenAskingTheLocalizer()
    {
        var keys = Read(English).Keys.ToHashSet();
        var used = new List<(string File, string Key)>();
        foreach (var file in Directory.EnumerateFiles(RepoFiles.Path("Web/Components"), "*.razor", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in LocalizerCall().Matches(text))
                foreach (var key in FirstArgumentLiterals(text, call.Index + call.Length))
                {
                    // L.Plural("X", n, …) asks for X.One or X.Other.
                    if (call.Groups[1].Value.StartsWith(".Plural", StringComparison.Ordinal))
                    {
                        used.Add((Path.GetFileName(file), key + ".One"));
                        used.Add((Path.GetFileName(file), key + ".Other"));
                    }
                    else used.Add((Path.GetFileName(file), key));
                }
        }

        Assert.True(used.Count > 150, $"only {used.Count} localizer calls found: is the pattern still right?");
        // A literal ending in '.' is a prefix completed at run time ("Search.Mode." + mode).
        var missing = used.Where(u => u.Key.EndsWith('.') ? !keys.Any(k => k.StartsWith(u.Key, StringComparison.Ordinal)) : !keys.Contains(u.Key));
        Assert.Empty(missing.Select(m => $"{m.File}: {m.Key}"));
    }

    /// <summary>The string literals of a call's first argument (a key, or both keys of a ternary), read up to its first top-level comma.</summary>
    private static IEnumerable<string> FirstArgumentLiterals(string text, int start)
    {
        var depth = 0;
        var end = start;
        for (; end < text.Length; end++)
        {
            var c = text[end];
            if (c == '"') { end = text.IndexOf('"', end + 1); continue; }
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') { if (depth == 0) break; depth--; }
            else if (c == ',' && depth == 0) break;
        }
        return StringLiteral().Matches(text[start..end]).Select(m => m.Groups[1].Value);
    }

    private static HashSet<string> Arguments(string value) => [.. FormatArgument().Matches(value).Select(m => m.Value)];

    /// <summary><c>L["…"</c>, <c>L.Html("…"</c>, <c>L.Plural("…"</c>, <c>L.PluralHtml("…"</c> and the pattern key of <c>L.Date(day, "Format.…")</c>.</summary>
    [GeneratedRegex(@"\bL(\[|\.Html\(|\.PluralHtml\(|\.Plural\(|\.Date\([^,]+,)\s*")]
    private static partial Regex LocalizerCall();

    /// <summary>"{0} papers", "{1} inputs", "{0} related papers": an argument, at most one word, then a plural noun of this site.</summary>
    [GeneratedRegex(@"\{\d+\}(</strong>)? (\w+ )?(papers|inputs|entries|days|results)\b")]
    private static partial Regex CountThenPlural();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex FormatArgument();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}
