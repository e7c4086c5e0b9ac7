using System.Text;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// Title and abstract fragments for display. The Lucene highlighter runs the encoder on every piece of text before
/// the formatter adds &lt;mark&gt;, so user-controlled text (a title containing &lt;script&gt;) is always encoded.
/// </summary>
internal static class HitHighlighter
{
    private const int FragmentChars = 160;

    public static Highlights Highlight(Query query, string title, string abstractText)
    {
        // Free text searches the title through the combined text field; ti: queries through the title field.
        var titleHtml = Best(query, IndexFields.Text, title, whole: true)
                        ?? Best(query, IndexFields.Title, title, whole: true)
                        ?? MinimalHtmlEncoder.Encode(title);
        // The abstract is searched through the combined text field, so its terms are that field's query terms.
        var abstractHtml = Best(query, IndexFields.Text, abstractText, whole: false);
        return new Highlights(titleHtml, abstractHtml);
    }

    private static string? Best(Query query, string field, string text, bool whole)
    {
        if (string.IsNullOrEmpty(text)) return null;
        // The span fragmenter must share the highlighter's scorer: the highlighter initialises it per text.
        var scorer = new QueryScorer(query, field);
        var highlighter = new Highlighter(new MarkFormatter(), new MinimalHtmlEncoder(), scorer)
        {
            TextFragmenter = whole ? new NullFragmenter() : new SimpleSpanFragmenter(scorer, FragmentChars),
            MaxDocCharsToAnalyze = 20_000,
        };
        var fragments = highlighter.GetBestFragments(TextAnalysis.Analyzer, field, text, whole ? 1 : 2);
        if (fragments.Length == 0) return null;
        return MergeAdjacent(string.Join(" … ", fragments.Select(f => f.Trim())));
    }

    /// <summary>"&lt;mark&gt;low&lt;/mark&gt; &lt;mark&gt;rank&lt;/mark&gt;" reads better as one mark.</summary>
    private static string MergeAdjacent(string html) => html.Replace("</mark> <mark>", " ", StringComparison.Ordinal);

    private sealed class MarkFormatter : IFormatter
    {
        public string HighlightTerm(string originalText, TokenGroup tokenGroup) =>
            tokenGroup.TotalScore > 0 ? "<mark>" + originalText + "</mark>" : originalText;
    }

    /// <summary>Encodes only what HTML needs (&amp; &lt; &gt; " '), leaving Chinese and accents readable.</summary>
    internal sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => Encode(originalText);

        public static string Encode(string text)
        {
            if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
            var sb = new StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                var entity = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => null };
                if (entity is null) sb.Append(c);
                else sb.Append(entity);
            }
            return sb.ToString();
        }
    }
}
