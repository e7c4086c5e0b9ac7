using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PaperSearch.Indexer.Sources.Json;

/// <summary>Tolerant field access: a missing, null or oddly typed field reads as null or empty, never throws.</summary>
internal static class JsonFields
{
    public static string? Str(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? AsString(v) : null;

    public static string? AsString(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => StringOf(v),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    };

    /// <summary>
    /// System.Text.Json refuses to decode an escaped lone surrogate ("\ud800"): such a value is decoded here by hand,
    /// so the record is kept and <see cref="PaperText"/> drops the surrogate like any other unsafe character.
    /// </summary>
    private static string StringOf(JsonElement v)
    {
        try { return v.GetString()!; }
        catch (InvalidOperationException) { return DecodeKeepingLoneSurrogates(v.GetRawText()); }
    }

    /// <summary>Unescapes a JSON string literal (quotes included) the parser has already checked.</summary>
    private static string DecodeKeepingLoneSurrogates(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] != '\\') { text.Append(literal[i]); continue; }
            var escape = literal[++i];
            if (escape == 'u')
            {
                text.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }
            text.Append(escape switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => escape });
        }
        return text.ToString();
    }

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
