using System.Text.Json;

namespace PaperSearch.Ranking.Metrics;

public sealed record BeirDocument(string Id, string Title, string Text);

/// <summary>
/// A BEIR-layout data set: corpus.jsonl (<c>_id, title, text</c>), queries.jsonl (<c>_id, text</c>) and
/// qrels/&lt;split&gt;.tsv (header <c>query-id corpus-id score</c>, tab-separated).
/// </summary>
public sealed record BeirDataset(
    IReadOnlyDictionary<string, BeirDocument> Corpus,
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels)
{
    /// <summary>Loads a BEIR folder; only queries judged in <paramref name="split"/> are kept, as BEIR's loader does.</summary>
    public static async Task<BeirDataset> LoadAsync(string folder, string split = "test", CancellationToken ct = default)
    {
        var qrels = await ReadLinesAsync(Path.Combine(folder, "qrels", split + ".tsv"), BeirParser.ParseQrels, ct);
        var queries = await ReadLinesAsync(Path.Combine(folder, "queries.jsonl"), BeirParser.ParseQueries, ct);
        var corpus = await ReadLinesAsync(Path.Combine(folder, "corpus.jsonl"), BeirParser.ParseCorpus, ct);
        var judged = queries.Where(q => qrels.ContainsKey(q.Key)).ToDictionary(q => q.Key, q => q.Value);
        return new BeirDataset(corpus, judged, qrels);
    }

    /// <summary>The corpus of a BEIR folder alone (no queries or judgements).</summary>
    public static async Task<BeirDataset> LoadCorpusAsync(string folder, CancellationToken ct = default) =>
        new(await ReadLinesAsync(Path.Combine(folder, "corpus.jsonl"), BeirParser.ParseCorpus, ct),
            new Dictionary<string, string>(), new Dictionary<string, IReadOnlyDictionary<string, int>>());

    private static async Task<T> ReadLinesAsync<T>(string path, Func<IEnumerable<string>, T> parse, CancellationToken ct)
    {
        var lines = new List<string>();
        await foreach (var line in File.ReadLinesAsync(path, ct)) lines.Add(line);
        return parse(lines);
    }
}

/// <summary>Pure parsers for the three BEIR files (no I/O), so they can be tested on strings.</summary>
public static class BeirParser
{
    public static Dictionary<string, BeirDocument> ParseCorpus(IEnumerable<string> lines)
    {
        var corpus = new Dictionary<string, BeirDocument>();
        foreach (var (root, line) in JsonLines(lines))
        {
            var id = Id(root, line);
            corpus[id] = new BeirDocument(id, OptionalString(root, "title"), OptionalString(root, "text"));
        }
        return corpus;
    }

    public static Dictionary<string, string> ParseQueries(IEnumerable<string> lines)
    {
        var queries = new Dictionary<string, string>();
        foreach (var (root, line) in JsonLines(lines)) queries[Id(root, line)] = OptionalString(root, "text");
        return queries;
    }

    public static Dictionary<string, IReadOnlyDictionary<string, int>> ParseQrels(IEnumerable<string> lines)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>();
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split('\t');
            if (lineNumber == 1 && parts[0] == "query-id") continue;
            if (parts.Length < 3 || !int.TryParse(parts[2], out var score))
                throw new FormatException($"qrels line {lineNumber}: expected 'query-id<TAB>corpus-id<TAB>score', got '{line}'.");
            if (!qrels.TryGetValue(parts[0], out var docs)) qrels[parts[0]] = docs = [];
            docs[parts[1]] = score;
        }
        return qrels.ToDictionary(q => q.Key, q => (IReadOnlyDictionary<string, int>)q.Value);
    }

    private static IEnumerable<(JsonElement Root, int Line)> JsonLines(IEnumerable<string> lines)
    {
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            yield return (doc.RootElement.Clone(), lineNumber);
        }
    }

    private static string Id(JsonElement root, int line) =>
        root.TryGetProperty("_id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.ToString()
            : throw new FormatException($"line {line}: missing '_id'.");

    private static string OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
