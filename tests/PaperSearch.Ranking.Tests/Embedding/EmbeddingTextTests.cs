using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Ranking.Tests.Embedding;

public sealed class EmbeddingTextTests
{
    [Fact]
    public void ForPaper_JoinsTitleAndAbstractWithCollapsedWhitespace()
    {
        var text = EmbeddingText.ForPaper("  Deep\nLearning ", "Line one\nline   two.\n");
        Assert.Equal("Deep Learning. Line one line two.", text);
    }

    [Fact]
    public void ForPaper_AddsNoSecondStop_WhenTitleEndsSentence()
    {
        Assert.Equal("Is attention all you need? We test it.", EmbeddingText.ForPaper("Is attention all you need?", "We test it."));
    }

    [Fact]
    public void ForPaper_ReturnsTitleAlone_WhenAbstractIsEmpty()
    {
        Assert.Equal("Only a title", EmbeddingText.ForPaper("Only a title", " \n "));
    }
}
