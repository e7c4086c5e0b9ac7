using System.Text.Json;
using PaperSearch.Web.Cli.Verbs;

namespace PaperSearch.Web.Cli.Evaluation;

/// <summary>One judged library: the papers its reader has (<c>positives</c>) and those a recommender should find (<c>relevant</c>).</summary>
public sealed record JudgedLibrary(string Id, IReadOnlyList<string> Positives, IReadOnlyList<string> Relevant);

/// <summary>
/// A libraries file for <c>eval</c>/<c>tune --task library</c>: JSON lines <c>{"_id", "positives": [...], "relevant": [...]}</c>.
/// A line that is not such an object is an error naming the line (the file is data the user chose, not a feed to skim).
/// </summary>
public static class LibrarySet
{
    public static async Task<IReadOnlyList<JudgedLibrary>> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new UsageException($"The libraries file {path} does not exist.");
        var libraries = new List<JudgedLibrary>();
        var line = 0;
        await foreach (var text in File.ReadLinesAsync(path, ct))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            libraries.Add(Parse(text, path, line));
        }
        if (libraries.Count == 0) throw new UsageException($"The libraries file {path} holds no library.");
        return libraries;
    }

    internal static JudgedLibrary Parse(string text, string path, int line)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new UsageException($"{path}:{line}: a library is a JSON object.");
            var id = root.TryGetProperty("_id", out var i) && i.ValueKind is JsonValueKind.String or JsonValueKind.Number ? i.ToString() : null;
            if (string.IsNullOrEmpty(id)) throw new UsageException($"{path}:{line}: \"_id\" is missing.");
            return new JudgedLibrary(id, Ids(root, "positives", path, line), Ids(root, "relevant", path, line));
        }
        catch (JsonException e) { throw new UsageException($"{path}:{line}: not valid JSON ({e.Message})."); }
    }

    private static List<string> Ids(JsonElement root, string name, string path, int line)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
            throw new UsageException($"{path}:{line}: \"{name}\" must be a list of ids.");
        return list.EnumerateArray().Select(e => e.ToString()).Where(s => s.Length > 0).ToList();
    }
}
