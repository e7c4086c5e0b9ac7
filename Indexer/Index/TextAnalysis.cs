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

    public static List<string> Tokens(string text, string field = IndexFields.Abstract)
    {
        var tokens = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return tokens;
        using var ts = Analyzer.GetTokenStream(field, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) tokens.Add(term.ToString());
        ts.End();
        return tokens;
    }
}
