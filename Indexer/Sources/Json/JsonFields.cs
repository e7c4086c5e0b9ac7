using System.Text.Json;

namespace PaperSearch.Indexer.Sources.Json;

/// <summary>Tolerant field access: a missing, null or oddly typed field reads as null or empty, never throws.</summary>
internal static class JsonFields
{
    public static string? Str(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? AsString(v) : null;

    public static string? AsString(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    };

    /// <summary>A list of strings, or one string treated as a one-element list.</summary>
    public static IEnumerable<string> StrList(this JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v)) yield break;
        if (v.ValueKind == JsonValueKind.String) { if (v.GetString() is { } one) yield return one; yield break; }
        if (v.ValueKind != JsonValueKind.Array) yield break;
        foreach (var item in v.EnumerateArray())
            if (AsString(item) is { } s) yield return s;
    }

    public static bool Has(this JsonElement obj, string name) => obj.TryGetProperty(name, out _);

    public static bool TryObject(this JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;
}
