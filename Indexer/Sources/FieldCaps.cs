using System.Globalization;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// The most text one imported record may hold, field by field, in every source format. A record over a cap is
/// rejected with the field, its length and the cap, never truncated: a 60 MB "abstract" is not a paper, and storing
/// it would make every page, search and feed that shows it as large. Each cap is far above the largest value in the
/// real data (measured after parsing on all of shared/data: 118k daily-listing papers, 33k AI summaries, the Kaggle
/// sample, 626 OAI records, 1,130 .abs papers; the maxima are in the comments, and
/// <c>FieldCapsTests.Caps_AreAtLeastTwiceTheLongestRealValue_WhenEveryRealSourceRead</c> keeps them true).
/// </summary>
internal static class FieldCaps
{
    public const int Title = 1_000;           // real max 226
    public const int Abstract = 20_000;       // real max 4,031 (arXiv itself allows 1,920)
    public const int Comments = 5_000;        // real max 439
    /// <summary>Journal-ref, DOI, licence, report number.</summary>
    public const int ShortField = 1_000;      // real max 191 (a journal-ref)
    /// <summary>Author names, and all of them joined by ", ": collaboration papers list thousands.</summary>
    public const int AuthorCount = 10_000;    // real max 3,303
    public const int AuthorsLength = 200_000; // real max 48,128 (2507.06261); the CMS .abs 1411.4413 has 35,720
    public const int CategoryCount = 100;     // real max 31 (an MSC list split into codes); 8 real codes
    public const int CategoriesLength = 2_000;// real max 233 (that MSC list)
    public const int VersionCount = 1_000;    // real max 15
    /// <summary>Each part of an AI summary (tldr, motivation, method, result, conclusion).</summary>
    public const int SummaryPart = 5_000;     // real max 498

    /// <summary>
    /// The most raw text one record may take before it is parsed: a JSON line (bytes), an OAI record (characters), an
    /// .abs file (bytes). A record at every cap at once still fits; the largest real ones are 56 KB (a JSON line),
    /// 8.7 KB (an OAI record) and 38 KB (an .abs file). Readers stop buffering at this size and skip the record.
    /// </summary>
    public const int RecordSize = 1024 * 1024;

    /// <summary>The longest single text any field may have: an XML text node longer than this is not buffered.</summary>
    public const int LongestField = AuthorsLength;

    /// <summary>The first field of <paramref name="paper"/> over its cap, described for a rejection; null when all fit.</summary>
    public static string? FirstOverCap(Paper paper) =>
        Over("title", paper.Title.Length, Title)
        ?? Over("abstract", paper.Abstract.Length, Abstract)
        ?? Over("comments", paper.Comments?.Length ?? 0, Comments)
        ?? Over("journal-ref", paper.JournalRef?.Length ?? 0, ShortField)
        ?? Over("doi", paper.Doi?.Length ?? 0, ShortField)
        ?? Over("license", paper.License?.Length ?? 0, ShortField)
        ?? Over("report-no", paper.ReportNo?.Length ?? 0, ShortField)
        ?? Over("authors", paper.Authors.Count, AuthorCount, "names")
        ?? Over("authors", JoinedLength(paper.Authors), AuthorsLength)
        ?? Over("categories", paper.Categories.Count, CategoryCount, "codes")
        ?? Over("categories", JoinedLength(paper.Categories), CategoriesLength)
        ?? Over("versions", paper.Versions.Count, VersionCount, "entries");

    public static string? FirstOverCap(AiSummary summary) =>
        Over("AI.tldr", summary.Tldr?.Length ?? 0, SummaryPart)
        ?? Over("AI.motivation", summary.Motivation?.Length ?? 0, SummaryPart)
        ?? Over("AI.method", summary.Method?.Length ?? 0, SummaryPart)
        ?? Over("AI.result", summary.Result?.Length ?? 0, SummaryPart)
        ?? Over("AI.conclusion", summary.Conclusion?.Length ?? 0, SummaryPart);

    /// <summary>"abstract is 62,914,560 characters, over the cap of 20,000".</summary>
    public static string Describe(string field, long length, long cap, string unit = "characters") =>
        string.Create(CultureInfo.InvariantCulture, $"{field} is {length:N0} {unit}, over the cap of {cap:N0}");

    private static string? Over(string field, long length, long cap, string unit = "characters") =>
        length > cap ? Describe(field, length, cap, unit) : null;

    private static long JoinedLength(IReadOnlyList<string> items) =>
        items.Sum(i => (long)i.Length) + 2L * Math.Max(0, items.Count - 1);
}
