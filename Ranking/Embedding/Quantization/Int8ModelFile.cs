using System.Globalization;
using Google.Protobuf;
using Onnx;

namespace PaperSearch.Ranking.Embedding.Quantization;

/// <summary>
/// The int8 twin of an extracted fp32 model (<c>model.int8.onnx</c> beside <c>model.onnx</c>), made once by
/// <see cref="DynamicQuantizer"/> and reused while it is valid. Valid means the stamp this class writes into
/// the model's <c>doc_string</c> names the current quantiser version, the fp32 file it was made from (by size)
/// and the file's own size, so a file from an older quantiser, from another source model, or cut short is
/// made again. The stamp sits in the first bytes of the file (protobuf writes fields in number order and
/// <c>doc_string</c>, field 6, comes before the graph, field 7), so the check reads a few bytes, not 60 MB.
/// </summary>
public static class Int8ModelFile
{
    /// <summary>Bump when the quantiser's output changes, so old files are rebuilt. The stored vectors are keyed by
    /// <see cref="OnnxEmbedder.IdFor"/>, not by this: a change that moves vectors must rename the int8 key as well,
    /// or old and new int8 vectors would share one key.</summary>
    public const string Version = "papersearch-int8/v1";

    private const int SizeDigits = 12;
    private const int DocStringField = 6;

    /// <summary>Makes <paramref name="target"/> from <paramref name="source"/> unless a valid one is there already.</summary>
    public static void Ensure(string source, string target)
    {
        var sourceBytes = new FileInfo(source).Length;
        if (IsValid(target, sourceBytes)) return;

        ModelProto model;
        using (var input = File.OpenRead(source))
            model = ModelProto.Parser.ParseFrom(input);
        var (matMuls, _) = DynamicQuantizer.Quantize(model);
        if (matMuls == 0) throw new InvalidDataException($"{source} has no MatMul with a constant weight to quantise.");

        // The stamp has a fixed width, so the size it states is the size of the message that carries it.
        model.DocString = Stamp(sourceBytes, 0);
        model.DocString = Stamp(sourceBytes, model.CalculateSize());

        // Same discipline as the extraction: a unique temp name, flushed, then renamed over the final name,
        // so a crash or a second process never leaves a half-written model where the embedder looks.
        var temp = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                model.WriteTo(output);
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>True when <paramref name="path"/> carries this version's stamp for a source of <paramref name="sourceBytes"/> and is whole.</summary>
    public static bool IsValid(string path, long sourceBytes)
    {
        if (!File.Exists(path)) return false;
        var stamp = ReadDocString(path);
        var expected = Stamp(sourceBytes, 0)[..^SizeDigits];
        return stamp is not null && stamp.Length == expected.Length + SizeDigits && stamp.StartsWith(expected, StringComparison.Ordinal)
            && long.TryParse(stamp.AsSpan(expected.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            && size == new FileInfo(path).Length;
    }

    private static string Stamp(long sourceBytes, long fileBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{Version} from {sourceBytes} bytes; size {fileBytes.ToString(new string('0', SizeDigits), CultureInfo.InvariantCulture)}");

    /// <summary>The model's <c>doc_string</c>, reading fields in order until it or the graph comes; null if absent or unreadable.</summary>
    private static string? ReadDocString(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var input = new CodedInputStream(file);
            while (input.ReadTag() is var tag and not 0)
            {
                var field = WireFormat.GetTagFieldNumber(tag);
                if (field == DocStringField && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited) return input.ReadString();
                if (field > DocStringField) return null;
                input.SkipLastField();
            }
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
