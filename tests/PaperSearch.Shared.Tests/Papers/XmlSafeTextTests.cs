using System.Text;
using System.Xml;
using PaperSearch.Papers;

namespace PaperSearch.Shared.Tests.Papers;

public sealed class XmlSafeTextTests
{
    [Theory]
    [InlineData("plain ASCII title")]
    [InlineData("tab\tnew\nline\rreturn")]
    [InlineData("稀疏编码的新方法 — Ünïcödé")]
    [InlineData("emoji 😀 and U+10000 𐀀")]
    [InlineData("")]
    public void Clean_ReturnsSameInstance_WhenNothingToRemove(string text) => Assert.Same(text, XmlSafeText.Clean(text));

    [Theory]
    [InlineData("a\u0000b\u0001c\u001Bd\u001Fe", "abcde")]
    [InlineData("x\uFFFEy\uFFFFz", "xyz")]
    [InlineData("x\uFDD0y\uFDEFz\uFDCF", "xyz\uFDCF")]
    [InlineData("plane 1 nonchar \uD83F\uDFFE", "plane 1 nonchar ")]
    [InlineData("kept 😀 then \u0007", "kept 😀 then ")]
    public void Clean_RemovesOnlyUnsafeCharacters_WhenTextHasThem(string text, string expected) =>
        Assert.Equal(expected, XmlSafeText.Clean(text));

    [Fact]
    public void Clean_RemovesLoneSurrogates_WhenNotPartOfAPair()
    {
        // Not [InlineData]: the test runner re-encodes a lone surrogate in a theory's arguments as U+FFFD.
        Assert.Equal("lone high", XmlSafeText.Clean("lone \uD800high"));
        Assert.Equal("lone low", XmlSafeText.Clean("lone \uDC00low"));
        Assert.Equal("swapped  pair", XmlSafeText.Clean("swapped \uDE00\uD83D pair"));
        Assert.Equal("end", XmlSafeText.Clean("end\uD83D"));
        Assert.Equal("\uD83D\uDE00", XmlSafeText.Clean("\uD800\uD83D\uDE00\uDC00"));
    }

    [Fact]
    public void Clean_ReturnsNull_WhenNull() => Assert.Null(XmlSafeText.Clean(null));

    [Fact]
    public void Clean_MakesAnyTextWritableAsXml_WhenRandomCharacters()
    {
        var random = new Random(18);
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = random.Next(4) switch
                {
                    0 => (char)random.Next(0, 0x20),
                    1 => (char)random.Next(0xD800, 0xE000),
                    2 => (char)random.Next(0xFDC0, 0x10000),
                    _ => (char)random.Next(0x20, 0x3000),
                };
            var text = new string(chars);

            var clean = XmlSafeText.Clean(text);

            var xml = new StringBuilder();
            using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { CheckCharacters = true }))
                writer.WriteElementString("t", clean); // throws on any character XML cannot carry
            Assert.Same(clean, XmlSafeText.Clean(clean));
            Assert.True(IsSubsequence(clean, text), $"'{clean}' is not '{text}' with characters removed");
        }
    }

    private static bool IsSubsequence(string part, string whole)
    {
        var j = 0;
        foreach (var ch in whole)
            if (j < part.Length && part[j] == ch) j++;
        return j == part.Length;
    }
}
