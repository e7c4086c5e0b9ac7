using Google.Protobuf;
using Onnx;
using PaperSearch.Ranking.Embedding.Quantization;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Embedding.Quantization;

public sealed class Int8ModelFileTests : IDisposable
{
    private readonly TempDir _dir = new("int8-file");
    private readonly string _source;
    private readonly string _target;

    public Int8ModelFileTests()
    {
        _source = Path.Combine(_dir.Path, "model.onnx");
        _target = Path.Combine(_dir.Path, "model.int8.onnx");
        File.WriteAllBytes(_source, TestGraphs.MatMulWithBias(32, 16, 4, seed: 1, out _, out _).ToByteArray());
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Ensure_WritesAValidQuantisedModelAndNoTempFile_WhenNoneExists()
    {
        Int8ModelFile.Ensure(_source, _target);

        Assert.True(Int8ModelFile.IsValid(_target, new FileInfo(_source).Length));
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_target));
        Assert.Contains(model.Graph.Node, n => n.OpType == "DynamicQuantizeMatMul");
        Assert.StartsWith(Int8ModelFile.Version, model.DocString);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void Ensure_KeepsTheFile_WhenItIsValid()
    {
        Int8ModelFile.Ensure(_source, _target);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_target, stamp);

        Int8ModelFile.Ensure(_source, _target);

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(_target));
    }

    [Fact]
    public void Ensure_RebuildsTheFile_WhenItIsTruncated()
    {
        Int8ModelFile.Ensure(_source, _target);
        var size = new FileInfo(_target).Length;
        using (var f = new FileStream(_target, FileMode.Open)) f.SetLength(size - 10); // an interrupted copy of a backup

        Assert.False(Int8ModelFile.IsValid(_target, new FileInfo(_source).Length));
        Int8ModelFile.Ensure(_source, _target);

        Assert.Equal(size, new FileInfo(_target).Length);
        Assert.True(Int8ModelFile.IsValid(_target, new FileInfo(_source).Length));
    }

    [Fact]
    public void IsValid_IsFalse_WhenFileWasMadeFromAnotherSourceOrIsNotOurs()
    {
        Int8ModelFile.Ensure(_source, _target);

        Assert.False(Int8ModelFile.IsValid(_target, new FileInfo(_source).Length + 1)); // another fp32 model
        Assert.False(Int8ModelFile.IsValid(_source, new FileInfo(_source).Length));     // an ONNX file without our stamp
        File.WriteAllText(_target, "not a model");
        Assert.False(Int8ModelFile.IsValid(_target, new FileInfo(_source).Length));
    }
}
