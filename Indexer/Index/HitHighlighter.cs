using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using PaperSearch.Papers;
using PaperSearch.Tex;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// Title and abstract fragments for display. The Lucene highlighter runs the encoder on every piece of text before
/// the formatter adds &lt;mark&gt;, so user-controlled text (a title containing &lt;script&gt;) is always encoded.
/// Highlights never cut a formula (<see cref="TexMath"/>): a fragment that would end inside <c>$…$</c> takes the whole
/// formula, and a match inside one marks the whole formula, so a TeX renderer on the page still sees it whole.
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

    /// <summary>
    /// The summary part (<see cref="AiSummary.NamedParts"/>) the query matches best, whole, with its matches marked; null when
    /// no part matches. The summary is not stored in the index, so the caller passes the store's text; it is analysed as the
    /// summary field is (SmartCn on Chinese runs), so 低分辨率 marks what the index matched.
    /// </summary>
    public static SummaryHighlight? Summary(Query query, AiSummary summary)
    {
        SummaryHighlight? best = null;
        var bestScore = 0f;
        foreach (var (name, text) in summary.NamedParts())
        {
            if (AiSummary.IsPlaceholder(text)) continue;
            var highlighter = new Highlighter(new MarkFormatter(), new MinimalHtmlEncoder(), new QueryScorer(query, IndexFields.SummaryZh))
            {
                TextFragmenter = new NullFragmenter(),
                MaxDocCharsToAnalyze = 20_000,
            };
            using var tokens = TextAnalysis.Analyzer.GetTokenStream(IndexFields.SummaryZh, text);
            var fragment = highlighter.GetBestTextFragments(tokens, text, mergeContiguousFragments: true, maxNumFragments: 1)
                .FirstOrDefault(f => f is not null && f.Score > 0);
            // Earlier parts win ties: the TL;DR is what a card shows first.
            if (fragment is null || fragment.Score <= bestScore) continue;
            (best, bestScore) = (new SummaryHighlight(name, MergeAdjacent(fragment.ToString().Trim())), fragment.Score);
        }
        return best;
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
        var math = TexMath.Spans(text);
        return MergeAdjacent(string.Join(" … ", fragments.Select(f => (math.Count == 0 ? f : KeepMathWhole(f, text, math)).Trim())));
    }

    /// <summary>
    /// The fragment widened to the formulas it cuts, and each formula with a match in it marked as a whole. The fragment is
    /// found in the text by its characters: Lucene does not tell a fragment's offsets.
    /// </summary>
    internal static string KeepMathWhole(string fragmentHtml, string text, IReadOnlyList<MathSpan> math)
    {
        var fragment = MarkedText.Parse(fragmentHtml);
        var start = text.IndexOf(fragment.Text, StringComparison.Ordinal);
        if (start < 0) return fragmentHtml;
        int end = start + fragment.Text.Length, from = start, to = end;
        foreach (var m in math)
        {
            if (m.Contains(start)) from = m.Start;
            if (m.Contains(end)) to = m.End;
        }
        var marked = new bool[to - from];
        for (var i = 0; i < fragment.Text.Length; i++) marked[start - from + i] = fragment.Marked[i];
        foreach (var m in math)
        {
            int a = Math.Max(m.Start, from) - from, b = Math.Min(m.End, to) - from;
            if (a < b && Array.IndexOf(marked, true, a, b - a) >= 0) Array.Fill(marked, true, a, b - a);
        }
        return MarkedText.Of(text[from..to], marked).ToHtml();
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

        public static string Encode(string text) => MarkedText.Encode(text);
    }
}
