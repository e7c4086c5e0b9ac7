namespace PaperSearch.Indexer.Sources;

/// <summary>Position strings: "line 12", or "entry data/x.jsonl, line 12" inside an archive.</summary>
internal static class SourcePosition
{
    public static string Of(string? entry, string inner) => entry is null ? inner : $"entry {entry}, {inner}";

    /// <summary>The position of a record that is a whole file (an .abs file): "file" or "entry NAME".</summary>
    public static string WholeFile(string? entry) => entry is null ? "file" : $"entry {entry}";
}
