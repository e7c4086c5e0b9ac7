using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaperSearch.TestSupport;
using PaperSearch.Web.Components.Tex;

namespace PaperSearch.Web.Tests.Components;

/// <summary>TexHtml over real arXiv titles and abstracts: never throws, writes only its own tags, properly nested, and loses no word.</summary>
public sealed partial class TexHtmlCorpusTests
{
    private const int Papers = 5_000;

    [Fact]
    public async Task Text_WritesNestedKnownTagsAndKeepsWords_WhenGivenRealAbstracts()
    {
        var checkedTexts = 0;
        await foreach (var text in TitlesAndAbstracts())
        {
            var html = TexHtml.Text(text).Value;
            var stack = new Stack<string>();
            foreach (Match tag in Tag().Matches(html))
            {
                var name = tag.Groups[2].Value;
                Assert.True(Allowed.Contains(name), $"<{name}> written for: {text}");
                if (tag.Groups[1].Value == "/") Assert.True(stack.TryPop(out var open) && open == name, $"</{name}> does not nest in: {html}");
                else stack.Push(name);
            }
            Assert.Empty(stack);
            // Every plain word of the source is still there (commands and braces aside).
            var shown = WebUtility.HtmlDecode(Tag().Replace(html, ""));
            foreach (Match w in Word().Matches(HrefTarget().Replace(text, "")))
                Assert.True(shown.Contains(w.Value, StringComparison.Ordinal), $"'{w.Value}' lost from: {text}");
            checkedTexts++;
        }
        Assert.True(checkedTexts >= 2 * Papers);
    }

    private static readonly HashSet<string> Allowed = ["b", "i", "em", "code", "u", "span", "sup", "sub", "mark"];

    [GeneratedRegex("<(/?)([a-z]+)[^>]*>")]
    private static partial Regex Tag();

    // A word of at least four letters not straight after a backslash (a command name) or an \href's address.
    // (or its first letter accented: B\'ezier, \"{o}).
    [GeneratedRegex(@"(?<![\\\p{L}])(?<!\\.)(?<!\\.\{)\p{L}{4,}(?!\p{L})")]
    private static partial Regex Word();

    // \href{url}{text} shows its text only.
    [GeneratedRegex(@"\\href\s*\{[^}]*\}")]
    private static partial Regex HrefTarget();

    private static async IAsyncEnumerable<string> TitlesAndAbstracts()
    {
        await using var file = File.OpenRead(SharedData.Corpus);
        await using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        for (var n = 0; n < Papers && await reader.ReadLineAsync() is { } line; n++)
        {
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.GetProperty("title").GetString() ?? "";
            yield return doc.RootElement.GetProperty("summary").GetString() ?? "";
        }
    }
}
