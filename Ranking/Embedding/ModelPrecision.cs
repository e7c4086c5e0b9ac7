namespace PaperSearch.Ranking.Embedding;

/// <summary>
/// The numeric precision the model runs in (<c>Embedding:Precision</c>): the shipped fp32 weights, or the
/// same model with its weight matrices quantised to int8 once, on first use (<see cref="Quantization.Int8ModelFile"/>).
/// The two give slightly different vectors, so each has its own model key (<see cref="OnnxEmbedder.IdFor"/>).
/// </summary>
public static class ModelPrecision
{
    public const string Fp32 = "fp32";
    public const string Int8 = "int8";

    public static IReadOnlyList<string> Keys { get; } = [Fp32, Int8];

    public static bool IsKnown(string? key) => key is not null && Keys.Contains(Normalize(key));

    public static bool IsInt8(string? key) => key is not null && Normalize(key) == Int8;

    private static string Normalize(string key) => key.Trim().ToLowerInvariant();
}
