using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// Analyser for every text field and every query.
/// Deviation from "SmartChineseAnalyzer on all text fields": SmartCn runs only on runs of CJK characters. Its
/// sentence splitting and HMM segmentation cost about 1 ms per English abstract, which capped bulk imports well
/// below 2,000 papers/s, and for Latin text it only splits letter and digit runs, lowercases and Porter-stems,
/// which this class does directly (and better: "Schrödinger" stays one token instead of "schr | ö | dinger").
/// Chinese text is segmented by SmartCn exactly as before, so Chinese queries still match summary words.
/// English stop words (Lucene's 33-word list, as Anserini's BM25 baselines use) are removed, leaving position
/// gaps so phrases still match only adjacent words: scoring "the", "of", "in" cost 0.01–0.02 nDCG@10 on SciFact.
/// </summary>
internal sealed class MixedScriptAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new MixedScriptTokenizer(reader);
        var stopped = new StopFilter(TextAnalysis.Version, tokenizer, StopAnalyzer.ENGLISH_STOP_WORDS_SET);
        return new TokenStreamComponents(tokenizer, new PorterStemFilter(stopped));
    }
}

/// <summary>Letter runs and digit runs (lowercased, full-width folded) for non-CJK text; SmartCn words for CJK runs.</summary>
internal sealed class MixedScriptTokenizer : Tokenizer
{
    // No Chinese stop words: the runs handed over contain no punctuation, and Porter (applied after) leaves CJK alone.
    private static readonly Lazy<Analyzer> Chinese = new(() => new SmartChineseAnalyzer(TextAnalysis.Version, useDefaultStopWords: false));

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly List<(string Term, int Start, int End)> _tokens = [];
    private int _next;
    private int _length;

    public MixedScriptTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        _length = text.Length;
        _tokens.Clear();
        _next = 0;
        Split(text, _tokens);
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_next >= _tokens.Count) return false;
        var (term, start, end) = _tokens[_next++];
        _term.SetEmpty().Append(term);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        return true;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_length);
        _offset.SetOffset(final, final);
    }

    internal static void Split(string text, List<(string, int, int)> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsCjk(c))
            {
                var s = i;
                while (i < text.Length && IsCjk(text[i])) i++;
                AddChinese(text, s, i, tokens);
                continue;
            }
            var kind = KindOf(c);
            if (kind == 0) { i++; continue; }
            var start = i;
            while (i < text.Length && KindOf(text[i]) == kind) i++;
            tokens.Add((Fold(text.AsSpan(start, i - start)), start, i));
        }
    }

    private static void AddChinese(string text, int start, int end, List<(string, int, int)> tokens)
    {
        using var ts = Chinese.Value.GetTokenStream(IndexFields.SummaryZh, new StringReader(text[start..end]));
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) tokens.Add((term.ToString(), start + offset.StartOffset, start + offset.EndOffset));
        ts.End();
    }

    /// <summary>CJK ideographs (and kana) go to SmartCn; everything else is handled here.</summary>
    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF';

    /// <summary>1 = letter, 2 = digit, 0 = separator. Full-width forms count as their ASCII twins.</summary>
    private static int KindOf(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
        if (char.IsAsciiDigit(c)) return 2;
        return char.IsLetter(c) && !IsCjk(c) ? 1 : 0;
    }

    private static string Fold(ReadOnlySpan<char> run)
    {
        Span<char> buffer = run.Length <= 256 ? stackalloc char[run.Length] : new char[run.Length];
        for (var k = 0; k < run.Length; k++)
        {
            var c = run[k];
            if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
            buffer[k] = char.ToLowerInvariant(c);
        }
        return new string(buffer);
    }
}
