using PaperSearch.Ranking.Embedding;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding;

public sealed class ModelFilesTests
{
    [Fact]
    public void Extract_WritesModelAndVocabUnderModelId_WhenDataDirectoryIsEmpty()
    {
        using var dir = new TempDir("extract");
        var files = ModelFiles.Extract(dir.Path, EmbeddingModel.MiniLm);

        Assert.Equal(Path.Combine(dir.Path, "models", "all-MiniLM-L6-v2", "model.onnx"), files.ModelPath);
        Assert.True(new FileInfo(files.ModelPath).Length > 80_000_000);
        Assert.Contains("[CLS]", File.ReadLines(files.VocabPath));
        Assert.Empty(Directory.GetFiles(files.Directory, "*.tmp"));
    }

    [Fact]
    public void Extract_KeepsExistingFile_WhenSizeMatches()
    {
        using var dir = new TempDir("extract-once");
        var files = ModelFiles.Extract(dir.Path, EmbeddingModel.MiniLm);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(files.ModelPath, stamp);

        ModelFiles.Extract(dir.Path, EmbeddingModel.MiniLm);

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(files.ModelPath));
    }

    [Fact]
    public void Extract_ReplacesFile_WhenItIsTruncated()
    {
        using var dir = new TempDir("extract-repair");
        var files = ModelFiles.Extract(dir.Path, EmbeddingModel.MiniLm);
        var size = new FileInfo(files.ModelPath).Length;
        using (var f = new FileStream(files.ModelPath, FileMode.Open)) f.SetLength(size / 2); // an interrupted copy

        ModelFiles.Extract(dir.Path, EmbeddingModel.MiniLm);

        Assert.Equal(size, new FileInfo(files.ModelPath).Length);
    }
}
