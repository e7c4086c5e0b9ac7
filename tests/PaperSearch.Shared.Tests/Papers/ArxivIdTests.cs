using PaperSearch.Papers;

namespace PaperSearch.Shared.Tests.Papers;

public sealed class ArxivIdTests
{
    [Theory]
    [InlineData("2401.06769", "2401.06769", null)]
    [InlineData("2401.6769", "2401.06769", null)]
    [InlineData("2401.06769v3", "2401.06769", 3)]
    [InlineData("2401.06769V12", "2401.06769", 12)]
    [InlineData("1406.02661", "1406.2661", null)]
    [InlineData("0704.0001", "0704.0001", null)]
    [InlineData("0704.1", "0704.0001", null)]
    [InlineData("1501.1", "1501.00001", null)]
    [InlineData("hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("hep-th%2F9901001", "hep-th/9901001", null)]
    [InlineData("math.NA%2f0101001v2", "math/0101001", 2)]
    [InlineData("hep-th/9901001v2", "hep-th/9901001", 2)]
    [InlineData("math.GT/0309136", "math/0309136", null)]
    [InlineData("cs.AI/0101001v1", "cs/0101001", 1)]
    [InlineData("arXiv:2401.06769", "2401.06769", null)]
    [InlineData("ARXIV:hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("oai:arXiv.org:0704.0001", "0704.0001", null)]
    [InlineData("oai:arXiv.org:math/0309136", "math/0309136", null)]
    [InlineData("https://arxiv.org/abs/2401.06769v2", "2401.06769", 2)]
    [InlineData("http://arxiv.org/abs/hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("https://arxiv.org/pdf/2401.06769v2.pdf", "2401.06769", 2)]
    [InlineData("http://arxiv.org/pdf/2506.05355v1", "2506.05355", 1)]
    [InlineData("https://export.arxiv.org/abs/2401.06769?context=cs", "2401.06769", null)]
    [InlineData("arxiv.org/abs/2401.06769/", "2401.06769", null)]
    [InlineData("  2401.06769  ", "2401.06769", null)]
    public void TryParse_Normalises_WhenValidId(string text, string id, int? version)
    {
        Assert.True(ArxivId.TryParse(text, out var parsed));
        Assert.Equal(id, parsed.Id);
        Assert.Equal(version, parsed.Version);
        Assert.Equal(id, ArxivId.Normalize(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello world")]
    [InlineData("2401")]
    [InlineData("2413.00001")]
    [InlineData("2400.00001")]
    [InlineData("2401.123456")]
    [InlineData("1406.12345")]
    [InlineData("2401.00000")]
    [InlineData("2401.06769v")]
    [InlineData("hep-th/99010")]
    [InlineData("hep-th/9913001")]
    [InlineData("https://example.org/abs/2401.06769")]
    [InlineData("10.1103/PhysRevD.76.013009")]
    public void TryParse_ReturnsFalse_WhenNotAnArxivId(string? text)
    {
        Assert.False(ArxivId.TryParse(text, out _));
        Assert.Null(ArxivId.Normalize(text));
    }

    [Fact]
    public void ToString_AppendsVersion_WhenVersionKnown()
    {
        Assert.Equal("2401.06769v2", ArxivId.Parse("arXiv:2401.6769v2").ToString());
        Assert.Equal("hep-th/9901001", ArxivId.Parse("hep-th/9901001").ToString());
    }

    [Fact]
    public void Parse_ThrowsFormatExceptionNamingInput_WhenGarbage()
    {
        var ex = Assert.Throws<FormatException>(() => ArxivId.Parse("not-an-id"));
        Assert.Contains("not-an-id", ex.Message);
    }
}
