using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace PaperSearch.Ranking.Tests.Embedding.Quantization;

/// <summary>Small ONNX graphs built in code: <c>Y = A·W + bias</c>, then <c>Z = Y·C</c> with C a graph input.</summary>
internal static class TestGraphs
{
    public const string WeightName = "W";

    /// <summary>A [batch, k] → Y [batch, n] (a constant-weight MatMul and its bias Add) → Z [batch, m] (a MatMul of two inputs).</summary>
    public static ModelProto MatMulWithBias(int k, int n, int m, int seed, out float[] weight, out float[] bias)
    {
        var random = new Random(seed);
        // Columns of very different ranges, as in a trained network, so per-column scales matter.
        var columnRange = Enumerable.Range(0, n).Select(_ => (float)Math.Pow(10, random.NextDouble() * 2 - 1)).ToArray();
        weight = [.. Enumerable.Range(0, k * n).Select(i => Gaussian(random) * columnRange[i % n] * 0.1f)];
        bias = [.. Enumerable.Range(0, n).Select(_ => Gaussian(random) * 0.1f)];

        var graph = new GraphProto { Name = "matmul-bias" };
        graph.Input.Add(Value("A", "batch", k));
        graph.Input.Add(Value("C", n, m));
        graph.Output.Add(Value("Y", "batch", n));
        graph.Output.Add(Value("Z", "batch", m));
        graph.Initializer.Add(Floats(WeightName, weight, k, n));
        graph.Initializer.Add(Floats("bias", bias, n));
        graph.Node.Add(Node("MatMul", ["A", WeightName], "AW"));
        graph.Node.Add(Node("Add", ["AW", "bias"], "Y"));
        graph.Node.Add(Node("MatMul", ["Y", "C"], "Z"));

        var model = new ModelProto { IrVersion = 7, ProducerName = "test", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    public static float[] RandomInputs(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Gaussian(random))];
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + output };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static ValueInfoProto Value(string name, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = (int)d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
