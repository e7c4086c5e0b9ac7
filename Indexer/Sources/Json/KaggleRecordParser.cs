using System.Text.Json;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Json;

/// <summary>
/// One line of the Kaggle/Cornell <c>arxiv-metadata-oai-snapshot.json</c>: id, submitter, authors, title, comments,
/// journal-ref, doi, report-no, categories, license, abstract, versions, update_date, authors_parsed.
/// </summary>
internal static class KaggleRecordParser
{
    public static SourceRecord Parse(JsonElement r, string source, string position) =>
        SourceRecords.Paper(source, position, r.Str("id"), id =>
        {
            var paper = ArxivMetadata.Build(id, name => r.Str(name), Authors(r), Versions(r));
            // The record's update_date moves on metadata edits too; the newest of the two is "last changed".
            return paper with { Updated = Max(paper.Updated, SourceText.ParseIso(r.Str("update_date"))) };
        });

    /// <summary>authors_parsed ([last, first, suffix] triples) when present, since it has TeX already decoded; else the authors string.</summary>
    private static IReadOnlyList<string> Authors(JsonElement r)
    {
        if (r.TryGetProperty("authors_parsed", out var parsed) && parsed.ValueKind == JsonValueKind.Array)
        {
            var names = new List<string>();
            foreach (var triple in parsed.EnumerateArray())
            {
                if (triple.ValueKind != JsonValueKind.Array) continue;
                var parts = triple.EnumerateArray().Select(JsonFields.AsString).ToArray();
                var name = AuthorNames.FromParts(parts.ElementAtOrDefault(0), parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2));
                if (name is not null) names.Add(name);
            }
            if (names.Count > 0) return names;
        }
        return AuthorNames.SplitList(r.Str("authors"));
    }

    private static List<PaperVersion> Versions(JsonElement r)
    {
        var list = new List<PaperVersion>();
        if (!r.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array) return list;
        foreach (var v in versions.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Object) continue;
            if (SourceText.ParseVersionLabel(v.Str("version")) is { } number && SourceText.ParseRfc1123(v.Str("created")) is { } date)
                list.Add(new PaperVersion(number, date));
        }
        list.Sort((a, b) => a.Number.CompareTo(b.Number));
        return list;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
