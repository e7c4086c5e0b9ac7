using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace PaperSearch.Ranking.Embedding.Quantization;

/// <summary>
/// Dynamic int8 quantisation of an ONNX graph, in place: every <c>MatMul</c> whose B is a constant fp32
/// initializer [K, N] becomes one ONNX Runtime <c>com.microsoft.DynamicQuantizeMatMul</c> node with B as int8
/// per column (<see cref="ColumnQuantizer"/>), and A quantised to uint8 at run time by the node itself (one
/// scale and zero point per call, from A's own min/max). A bias <c>Add</c> of a constant [N] vector right
/// after the MatMul is folded into the node's bias input. Everything else stays fp32: the embedding
/// <c>Gather</c>s (a lookup, no arithmetic to speed up), LayerNorm, Softmax, GELU, and the MatMuls of two
/// activations inside attention (no constant weight to quantise ahead of time).
/// </summary>
/// <remarks>
/// Why this op and not the standard DynamicQuantizeLinear → MatMulInteger → Cast → Mul chain: it is one node,
/// so A is quantised and the int32 product rescaled inside one kernel (MLAS's u8s8 GEMM with the per-column
/// scales applied in its output stage), without three intermediate tensors; ORT supports B per column there
/// (b_scale and b_zero_point of shape [N]) on every x64 CPU, dispatching to AVX-512 VNNI, AVX-VNNI or AVX2 itself.
/// It exists only in ONNX Runtime, which is the only runtime this file is for.
/// </remarks>
public static class DynamicQuantizer
{
    public const string ContribDomain = "com.microsoft";
    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private const int Int8Type = (int)TensorProto.Types.DataType.Int8;

    /// <summary>Rewrites <paramref name="model"/>; returns how many MatMuls were quantised (and how many biases folded).</summary>
    public static (int MatMuls, int Biases) Quantize(ModelProto model)
    {
        var graph = model.Graph ?? throw new InvalidDataException("The model has no graph.");
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var uses = CountUses(graph);
        var consumers = graph.Node.SelectMany(n => n.Input.Select(input => (input, n))).ToLookup(p => p.input, p => p.n);

        var nodes = new List<NodeProto>(graph.Node.Count);
        var foldedAdds = new HashSet<NodeProto>();
        var replacedWeights = new HashSet<string>();
        var matMuls = 0;
        var biases = 0;
        foreach (var node in graph.Node)
        {
            if (foldedAdds.Contains(node)) continue;
            if (!IsConstantWeightMatMul(node, initializers, out var weight))
            {
                nodes.Add(node);
                continue;
            }

            var q = QuantizeWeight(weight, graph);
            var fused = new NodeProto { Name = node.Name + "_int8", OpType = "DynamicQuantizeMatMul", Domain = ContribDomain };
            fused.Input.Add([node.Input[0], q.Weight, q.Scale, q.ZeroPoint]);
            var output = node.Output[0];
            if (BiasAddAfter(output, uses, consumers, initializers, q.Columns) is { } add)
            {
                fused.Input.Add(add.Bias);
                output = add.Node.Output[0];
                foldedAdds.Add(add.Node);
                biases++;
            }
            fused.Output.Add(output);
            nodes.Add(fused);
            replacedWeights.Add(weight.Name);
            matMuls++;
        }

        graph.Node.Clear();
        graph.Node.Add(nodes);
        // The fp32 weight goes only when nothing else reads it (a tied weight would still be needed).
        var stillUsed = CountUses(graph);
        var kept = graph.Initializer.Where(t => !replacedWeights.Contains(t.Name) || stillUsed.ContainsKey(t.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.Add(kept);
        if (matMuls > 0 && !model.OpsetImport.Any(o => o.Domain == ContribDomain))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = ContribDomain, Version = 1 });
        return (matMuls, biases);
    }

    private static bool IsConstantWeightMatMul(NodeProto node, Dictionary<string, TensorProto> initializers, out TensorProto weight)
    {
        weight = null!;
        return node.OpType == "MatMul" && node.Domain is ("" or "ai.onnx") && node.Input.Count == 2
            && initializers.TryGetValue(node.Input[1], out weight!)
            && weight.DataType == FloatType && weight.Dims.Count == 2 && weight.Dims[0] > 0 && weight.Dims[1] > 0;
    }

    private sealed record QuantizedWeight(string Weight, string Scale, string ZeroPoint, int Columns);

    private static QuantizedWeight QuantizeWeight(TensorProto weight, GraphProto graph)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        var values = ReadFloats(weight);
        var quantized = new sbyte[values.Length];
        var scales = new float[columns];
        ColumnQuantizer.Quantize(values, rows, columns, quantized, scales);

        var q = new QuantizedWeight(weight.Name + "_int8", weight.Name + "_scale", weight.Name + "_zero_point", columns);
        graph.Initializer.Add(Tensor(q.Weight, Int8Type, MemoryMarshal.AsBytes(quantized.AsSpan()), rows, columns));
        graph.Initializer.Add(Tensor(q.Scale, FloatType, MemoryMarshal.AsBytes(scales.AsSpan()), columns));
        graph.Initializer.Add(Tensor(q.ZeroPoint, Int8Type, new byte[columns], columns)); // symmetric: all zero
        return q;
    }

    /// <summary>The single <c>Add</c> reading <paramref name="output"/> with a constant fp32 [N] vector as its other input.</summary>
    private static (NodeProto Node, string Bias)? BiasAddAfter(string output, Dictionary<string, int> uses,
        ILookup<string, NodeProto> consumers, Dictionary<string, TensorProto> initializers, int columns)
    {
        if (uses.GetValueOrDefault(output) != 1) return null; // a graph output, or read by more than the Add
        var add = consumers[output].Single();
        if (add.OpType != "Add" || add.Domain is not ("" or "ai.onnx") || add.Input.Count != 2) return null;
        var other = add.Input[0] == output ? add.Input[1] : add.Input[0];
        return initializers.TryGetValue(other, out var bias) && bias.DataType == FloatType
            && bias.Dims.Count == 1 && bias.Dims[0] == columns
            ? (add, other)
            : null;
    }

    private static Dictionary<string, int> CountUses(GraphProto graph)
    {
        var uses = new Dictionary<string, int>();
        foreach (var node in graph.Node)
            foreach (var input in node.Input)
                if (input.Length > 0) uses[input] = uses.GetValueOrDefault(input) + 1;
        foreach (var output in graph.Output) uses[output.Name] = uses.GetValueOrDefault(output.Name) + 1;
        return uses;
    }

    private static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new InvalidDataException($"Initializer {tensor.Name} keeps its data in an external file, which this quantiser does not read.");
        var count = checked((int)(tensor.Dims[0] * tensor.Dims[1]));
        // raw_data is little-endian by the ONNX spec, as is every CPU this runs on.
        var values = tensor.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : tensor.FloatData.ToArray();
        if (values.Length != count) throw new InvalidDataException($"Initializer {tensor.Name} holds {values.Length} floats, its shape says {count}.");
        return values;
    }

    private static TensorProto Tensor(string name, int dataType, ReadOnlySpan<byte> raw, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = dataType, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
