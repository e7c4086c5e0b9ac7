using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding;

public sealed class EmbeddingFileTests
{
    [Fact]
    public void Read_ReturnsWhatWriteWrote_WithDimensionFromFileSize()
    {
        using var dir = new TempDir("embfile");
        var path = dir.Sub("sub/vectors.f32");
        var vectors = Enumerable.Range(0, 3 * 5).Select(i => i * 0.25f - 1f).ToArray();

        EmbeddingFile.Write(path, ["2401.00001", "hep-th/9901001", "x"], vectors, 5);
        var read = EmbeddingFile.Read(path);

        Assert.Equal(5, read.Dimension);
        Assert.Equal(["2401.00001", "hep-th/9901001", "x"], read.Ids);
        Assert.Equal(vectors, read.Vectors);
        Assert.Equal(vectors.AsSpan(5, 5).ToArray(), read.Row(1).ToArray());
        Assert.Equal(3 * 5 * 4, new FileInfo(path).Length); // raw f32, no header
    }

    [Fact]
    public void Write_Throws_WhenVectorCountDoesNotMatchIds()
    {
        using var dir = new TempDir("embfile-bad");
        Assert.Throws<ArgumentException>(() => EmbeddingFile.Write(dir.Sub("v.f32"), ["a", "b"], new float[7], 4));
    }

    [Fact]
    public void Read_Throws_WhenBytesAreNotWholeRows()
    {
        using var dir = new TempDir("embfile-torn");
        var path = dir.Sub("v.f32");
        EmbeddingFile.Write(path, ["a", "b"], new float[8], 4);
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(30);

        Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(path));
    }
}
