using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using PaperSearch.Ranking.Embedding.Quantization;

namespace PaperSearch.Ranking.Tests.Embedding.Quantization;

public sealed class DynamicQuantizerTests
{
    private const int K = 96, N = 64, M = 8, Batch = 5;

    [Fact]
    public void Quantize_ReplacesConstantWeightMatMulAndFoldsItsBias_WhenGraphHasOne()
    {
        var model = TestGraphs.MatMulWithBias(K, N, M, seed: 1, out _, out _);

        var (matMuls, biases) = DynamicQuantizer.Quantize(model);

        Assert.Equal((1, 1), (matMuls, biases));
        var nodes = model.Graph.Node;
        Assert.Equal(["DynamicQuantizeMatMul", "MatMul"], nodes.Select(n => n.OpType));
        var fused = nodes[0];
        Assert.Equal(DynamicQuantizer.ContribDomain, fused.Domain);
        Assert.Equal(["A", "W_int8", "W_scale", "W_zero_point", "bias"], fused.Input);
        Assert.Equal(["Y"], fused.Output); // the Add's output: the Add is gone
        // The MatMul of two activations (no constant weight) is left in fp32.
        Assert.Equal(["Y", "C"], nodes[1].Input);
        Assert.DoesNotContain(model.Graph.Initializer, t => t.Name == TestGraphs.WeightName); // the fp32 copy is dropped
        Assert.Contains(model.OpsetImport, o => o.Domain == DynamicQuantizer.ContribDomain);
    }

    [Fact]
    public void Quantize_StoresPerColumnScalesAndZeroPoints_WhenWeightIsQuantised()
    {
        var model = TestGraphs.MatMulWithBias(K, N, M, seed: 2, out var weight, out _);

        DynamicQuantizer.Quantize(model);

        var tensors = model.Graph.Initializer.ToDictionary(t => t.Name);
        var scales = MemoryMarshal.Cast<byte, float>(tensors["W_scale"].RawData.Span).ToArray();
        Assert.Equal([N], tensors["W_scale"].Dims);
        for (var c = 0; c < N; c++)
        {
            var max = Enumerable.Range(0, K).Max(r => MathF.Abs(weight[r * N + c]));
            Assert.Equal(max / 127, scales[c], max * 1e-6f);
        }
        Assert.Equal([K, N], tensors["W_int8"].Dims);
        Assert.Equal((int)TensorProto.Types.DataType.Int8, tensors["W_int8"].DataType);
        Assert.Equal([N], tensors["W_zero_point"].Dims);
        Assert.All(tensors["W_zero_point"].RawData.ToByteArray(), z => Assert.Equal(0, z));
    }

    [Fact]
    public void Quantize_GivesOutputsCloseToFp32InOnnxRuntime_WhenRunOnRandomInputs()
    {
        var fp32 = TestGraphs.MatMulWithBias(K, N, M, seed: 3, out _, out _);
        var int8 = fp32.Clone();
        DynamicQuantizer.Quantize(int8);
        var a = TestGraphs.RandomInputs(Batch * K, seed: 4);
        var c = TestGraphs.RandomInputs(N * M, seed: 5);

        var (y32, z32) = Run(fp32, a, c);
        var (y8, z8) = Run(int8, a, c);

        // uint8 activations (one scale per call) × int8 weights (one per column): ≈ 1 % error in the product.
        Assert.True(RelativeError(y8, y32) < 0.02, $"Y relative error {RelativeError(y8, y32):F4}");
        Assert.True(RelativeError(z8, z32) < 0.02, $"Z relative error {RelativeError(z8, z32):F4}");
        Assert.True(RelativeError(y8, y32) > 0, "the int8 graph must actually compute in int8");
    }

    [Fact]
    public void Quantize_KeepsMatMulOutputAndAdd_WhenMatMulOutputIsAlsoAGraphOutput()
    {
        var model = TestGraphs.MatMulWithBias(K, N, M, seed: 6, out _, out _);
        model.Graph.Output.Add(new ValueInfoProto { Name = "AW", Type = model.Graph.Output[0].Type });

        var (matMuls, biases) = DynamicQuantizer.Quantize(model);

        Assert.Equal((1, 0), (matMuls, biases));
        Assert.Equal(["DynamicQuantizeMatMul", "Add", "MatMul"], model.Graph.Node.Select(n => n.OpType));
        Assert.Equal(["AW"], model.Graph.Node[0].Output);
    }

    private static (float[] Y, float[] Z) Run(ModelProto model, float[] a, float[] c)
    {
        using var session = new InferenceSession(model.ToByteArray());
        using var aValue = OrtValue.CreateTensorValueFromMemory(a, [Batch, K]);
        using var cValue = OrtValue.CreateTensorValueFromMemory(c, [N, M]);
        using var outputs = session.Run(new RunOptions(), ["A", "C"], [aValue, cValue], ["Y", "Z"]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<float>().ToArray());
    }

    private static double RelativeError(float[] actual, float[] expected)
    {
        var difference = new float[actual.Length];
        TensorPrimitives.Subtract(actual, expected, difference);
        return TensorPrimitives.Norm(difference) / TensorPrimitives.Norm(expected);
    }
}
