using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// One analyser for every text field and for queries (<see cref="MixedScriptAnalyzer"/>: Chinese segmented by
/// SmartCn, other text lowercased and Porter-stemmed). The same analyser for all fields keeps a query's terms
/// identical across fields (see shared/notes/packages.md on MultiFieldQueryParser).
/// </summary>
internal static class TextAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly Lazy<Analyzer> Shared = new(() => new MixedScriptAnalyzer());

    /// <summary>Thread-safe (Lucene analysers reuse token streams per thread).</summary>
    public static Analyzer Analyzer => Shared.Value;

    public static List<string> Tokens(string text, string field = IndexFields.Text) =>
        Positioned(text, field).ConvertAll(t => t.Term);

    /// <summary>Each analysed term with the text it came from (for showing a stemmed term as a word).</summary>
    public static List<(string Term, string Surface)> WithSurface(string text, string field = IndexFields.Text)
    {
        var tokens = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(text)) return tokens;
        using var ts = Analyzer.GetTokenStream(field, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        ts.Reset();
        while (ts.IncrementToken())
        {
            var (start, end) = (offset.StartOffset, offset.EndOffset);
            tokens.Add((term.ToString(), start >= 0 && end <= text.Length && end > start ? text[start..end] : term.ToString()));
        }
        ts.End();
        return tokens;
    }

    /// <summary>Tokens with their positions; removed stop words leave gaps, which phrase queries must keep.</summary>
    public static List<(string Term, int Position)> Positioned(string text, string field = IndexFields.Text)
    {
        var tokens = new List<(string, int)>();
        if (string.IsNullOrWhiteSpace(text)) return tokens;
        using var ts = Analyzer.GetTokenStream(field, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var increment = ts.AddAttribute<IPositionIncrementAttribute>();
        ts.Reset();
        var position = -1;
        while (ts.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }
        ts.End();
        return tokens;
    }
}
