using System.Globalization;
using System.Text.Json;
using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Json;

/// <summary>
/// The daily-listing crawler's JSON lines (<c>corpus.jsonl.gz</c>) and its AI-enhanced twin. A listing line becomes a
/// <see cref="PaperRecord"/>; an AI-enhanced line becomes a <see cref="SummaryRecord"/> only (the corpus file is the
/// paper source, so the same paper is not emitted twice).
/// </summary>
internal static class DailyListingParser
{
    public static SourceRecord ParsePaper(JsonElement r, string source, string position) =>
        SourceRecords.Paper(source, position, r.Str("id"), id =>
        {
            var comments = SourceText.Clean(r.Str("comment"));
            var codes = ClassCodes.Parse(r.Has("categories") ? r.StrList("categories") : [r.Str("cate") ?? ""]);
            return new Paper
            {
                Id = id.Id,
                Version = id.Version ?? 1,
                Title = SourceText.Clean(r.Str("title")) ?? "",
                Abstract = SourceText.Clean(r.Str("summary")) ?? "",
                Authors = r.StrList("authors").Select(a => SourceText.Clean(a)).OfType<string>().ToList(),
                // Newer records list every category, primary first, and mix in MSC and ACM classes ("68T07, 68T45");
                // older ones carry only the primary as "cate".
                Categories = codes.Categories,
                MscClasses = codes.Msc,
                AcmClasses = codes.Acm,
                Comments = comments,
                Submitted = SourceText.ParseIso(r.Str("published")),
                Updated = SourceText.ParseIso(r.Str("updated")),
                ListingDate = ListingDate(r.Str("_source_file")),
                Withdrawn = Withdrawal.IsWithdrawn(comments, latestSize: null),
            };
        });

    public static SourceRecord ParseSummary(JsonElement r, string source, string position) =>
        SourceRecords.Summary(source, position, r.Str("id"), () => r.TryObject("AI", out var ai)
            ? new AiSummary(Part(ai, "tldr"), Part(ai, "motivation"), Part(ai, "method"), Part(ai, "result"), Part(ai, "conclusion"))
            : null);

    /// <summary>A summary part, or null when empty or a failure placeholder (so the UI never shows "Error").</summary>
    private static string? Part(JsonElement ai, string name) =>
        ai.Str(name)?.Trim() is { Length: > 0 } text && !AiSummary.IsPlaceholder(text) ? text : null;

    /// <summary>"data/2025-03-18.jsonl" or "data/2026-01-14_AI_enhanced_Chinese.jsonl" → 2025-03-18.</summary>
    internal static DateOnly? ListingDate(string? sourceFile)
    {
        if (string.IsNullOrEmpty(sourceFile)) return null;
        var name = Path.GetFileName(sourceFile.AsSpan());
        return name.Length >= 10 && DateOnly.TryParseExact(name[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;
    }
}
