using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// Paper ⇄ row, and the content hash that makes an identical re-import a no-op. Instants go in and come out in UTC
/// (as <see cref="Paper"/> documents them): SQLite would keep a source's offset text while PostgreSQL's timestamptz
/// always answers in UTC, and the API must not say "23:30-05:00" on one store and "04:30+00:00" on the other.
/// </summary>
internal static class PaperRowMapping
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static PaperRow ToRow(Paper p, string hash, long seq)
    {
        var row = new PaperRow { Id = p.Id };
        CopyTo(p, row, hash, seq);
        return row;
    }

    public static void CopyTo(Paper p, PaperRow row, string hash, long seq)
    {
        row.Version = p.Version;
        row.Title = p.Title;
        row.Abstract = p.Abstract;
        row.Authors = JsonSerializer.Serialize(p.Authors, Json);
        // One column holds every class code (arXiv categories first, then MSC, then ACM); reading splits them again,
        // which also repairs rows stored before the split, when a source mixed them into the categories.
        row.Categories = JsonSerializer.Serialize(p.Categories.Concat(p.MscClasses).Concat(p.AcmClasses), Json);
        row.Comments = p.Comments;
        row.JournalRef = p.JournalRef;
        row.Doi = p.Doi;
        row.License = p.License;
        row.ReportNo = p.ReportNo;
        row.Submitted = p.Submitted?.ToUniversalTime();
        row.Updated = p.Updated?.ToUniversalTime();
        row.ListingDate = p.ListingDate;
        row.Withdrawn = p.Withdrawn;
        row.Versions = JsonSerializer.Serialize(p.Versions.Select(v => v with { Date = v.Date.ToUniversalTime() }), Json);
        row.ContentHash = hash;
        row.Seq = seq;
        row.Deleted = false;
    }

    public static Paper ToPaper(this PaperRow r)
    {
        var codes = ClassCodes.Parse(JsonSerializer.Deserialize<string[]>(r.Categories, Json) ?? []);
        return ToPaper(r, codes);
    }

    private static Paper ToPaper(PaperRow r, ClassCodes.Split codes) => new()
    {
        Id = r.Id,
        Version = r.Version,
        Title = r.Title,
        Abstract = r.Abstract,
        Authors = JsonSerializer.Deserialize<string[]>(r.Authors, Json) ?? [],
        Categories = codes.Categories,
        MscClasses = codes.Msc,
        AcmClasses = codes.Acm,
        Comments = r.Comments,
        JournalRef = r.JournalRef,
        Doi = r.Doi,
        License = r.License,
        ReportNo = r.ReportNo,
        // Rows written before instants were normalised may still carry an offset (SQLite).
        Submitted = r.Submitted?.ToUniversalTime(),
        Updated = r.Updated?.ToUniversalTime(),
        ListingDate = r.ListingDate,
        Withdrawn = r.Withdrawn,
        Versions = JsonSerializer.Deserialize<PaperVersion[]>(r.Versions, Json)?.Select(v => v with { Date = v.Date.ToUniversalTime() }).ToArray() ?? [],
    };

    public static AiSummary ToSummary(this SummaryRow s) => new(s.Tldr, s.Motivation, s.Method, s.Result, s.Conclusion);

    /// <summary>SHA-256 (first 128 bits, hex) over every stored field, unambiguously delimited.</summary>
    public static string ContentHash(Paper p)
    {
        var sb = new StringBuilder(256 + p.Title.Length + p.Abstract.Length);
        void Add(string? s) => sb.Append(s is null ? "\u0000" : s).Append('\u001f');
        Add(p.Id); Add(p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(p.Title); Add(p.Abstract);
        foreach (var a in p.Authors) Add(a);
        sb.Append('\u001e');
        foreach (var c in p.Categories.Concat(p.MscClasses).Concat(p.AcmClasses)) Add(c);
        sb.Append('\u001e');
        Add(p.Comments); Add(p.JournalRef); Add(p.Doi); Add(p.License); Add(p.ReportNo);
        Add(p.Submitted?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(p.Updated?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(p.ListingDate?.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(p.Withdrawn ? "w" : "");
        foreach (var v in p.Versions)
            Add($"{v.Number}|{v.Date.UtcTicks}|{v.Size}");

        var byteCount = Encoding.UTF8.GetMaxByteCount(sb.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var n = Encoding.UTF8.GetBytes(sb.ToString(), buffer);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, n), hash);
            return Convert.ToHexString(hash[..16]);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }
}
