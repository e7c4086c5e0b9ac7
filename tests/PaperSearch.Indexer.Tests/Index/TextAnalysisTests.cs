using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using PaperSearch.Indexer.Index;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Index;

public sealed class TextAnalysisTests
{
    [Fact]
    public void Tokens_SegmentsChineseAndStemsEnglish_WhenTextIsMixed()
    {
        Assert.Equal(["基于", "transform", "的", "跨", "语言", "检索", "improv", "retriev"],
            TextAnalysis.Tokens("基于transformer的跨语言检索 improves retrieval"));
    }

    [Fact]
    public void Tokens_KeepsAccentedWordsWhole_AndSplitsDigits()
    {
        Assert.Equal(["schrödinger", "s", "gpt", "4", "o", "abc", "123"], TextAnalysis.Tokens("Schrödinger's GPT-4o ＡＢＣ１２３"));
    }

    private static readonly string[] StopWordList =
        ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
         "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with"];

    private static readonly System.Text.RegularExpressions.Regex EnglishStopWords = new(
        "(?<![A-Za-z])(" + string.Join('|', StopWordList) + ")(?![A-Za-z])", System.Text.RegularExpressions.RegexOptions.IgnoreCase);


    [Fact]
    public void Tokens_DropEnglishStopWordsButKeepTheirPositions_WhenPhraseHasThem()
    {
        Assert.Equal([("attent", 0), ("all", 2), ("you", 3), ("need", 4)], TextAnalysis.Positioned("Attention is all you need"));
        Assert.Empty(TextAnalysis.Tokens("the of and"));
    }

    [Fact]
    public void Tokens_MatchSmartCnOnAsciiText_ForRealAbstracts()
    {
        using var dir = new TempDir("analysis");
        var file = Import.CorpusSample.FirstLines(SharedData.Corpus, 300, dir, "head.jsonl");
        var smartCn = new SmartChineseAnalyzer(TextAnalysis.Version);
        var differing = 0;
        var ascii = 0;
        foreach (var line in File.ReadLines(file))
        {
            var text = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("summary").GetString()!;
            if (!text.All(char.IsAscii)) continue;
            ascii++;
            // Our analyser also drops English stop words (before stemming); take them out of SmartCn's input alike.
            using var ts = smartCn.GetTokenStream("f", EnglishStopWords.Replace(text, " "));
            var term = ts.AddAttribute<ICharTermAttribute>();
            ts.Reset();
            var expected = new List<string>();
            while (ts.IncrementToken()) expected.Add(term.ToString());
            ts.End();
            if (!expected.SequenceEqual(TextAnalysis.Tokens(text))) differing++;
        }
        Assert.True(ascii > 250);
        Assert.Equal(0, differing);
    }
}
