using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// One SmartCn analyser for every text field: Chinese is segmented into words, English lowercased and
/// Porter-stemmed. Using the same analyser for all fields keeps a query's terms identical across fields
/// (see shared/notes/packages.md on MultiFieldQueryParser).
/// </summary>
internal static class TextAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly Lazy<Analyzer> Shared = new(() => new SmartChineseAnalyzer(Version));

    /// <summary>Thread-safe (Lucene analysers reuse token streams per thread).</summary>
    public static Analyzer Analyzer => Shared.Value;

    public static List<string> Tokens(string text, string field = IndexFields.Abstract)
    {
        var tokens = new List<string>();
        using var ts = Analyzer.GetTokenStream(field, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) tokens.Add(term.ToString());
        ts.End();
        return tokens;
    }
}
