using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaperSearch.Papers;

namespace PaperSearch.Benchmarks.Scale;

/// <summary>
/// A deterministic corpus of any size made from the real one (issue 16's scale test): every real paper as it is, then
/// synthetic papers with new ids whose title joins the two halves of two real titles, whose abstract interleaves the
/// sentences of two real abstracts, with a third paper's authors and the first paper's categories and listing day. So
/// the words, their frequencies, the lengths, the categories and the days per category look like arXiv's; only their
/// combination is new. Written in the daily-listing JSON format of the shared corpus, which <c>import</c> reads.
/// </summary>
public static partial class SyntheticCorpus
{
    /// <summary>Synthetic ids are YYMM.NNNNN of 2015–2024 (the real corpus starts in 2025), 90,000 a month.</summary>
    private const int PerMonth = 90_000;

    public sealed record Donor(string Id, string Title, string Abstract, JsonElement Authors, JsonElement Categories, string Day);

    public static List<Donor> ReadDonors(string corpus)
    {
        var donors = new List<Donor>(120_000);
        using var file = File.OpenRead(corpus);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        // A paper listed on two days appears twice (118,151 lines, 118,024 papers; 127 of the repeats name a version, which
        // import strips, so the id is compared as import stores it): the first listing is the donor. 3,047
        // listings carry only their listing's category ("cate"), which import reads in their place: it becomes their list.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var id = r.GetProperty("id").GetString()!;
            id = ArxivId.Normalize(id) ?? id;
            if (!seen.Add(id)) continue;
            var categories = r.TryGetProperty("categories", out var c) ? c.Clone()
                : JsonSerializer.SerializeToElement(new[] { r.TryGetProperty("cate", out var cate) ? cate.GetString() ?? "" : "" });
            donors.Add(new Donor(id, r.GetProperty("title").GetString()!, r.GetProperty("summary").GetString()!,
                r.GetProperty("authors").Clone(), categories, DayOf(r.GetProperty("_source_file").GetString()!)));
        }
        return donors;
    }

    /// <summary>The id of the <paramref name="k"/>-th synthetic paper (0-based).</summary>
    public static string SyntheticId(long k)
    {
        var month = (int)(k / PerMonth);
        if (month >= 120) throw new ArgumentOutOfRangeException(nameof(k), "at most 10.8M synthetic papers");
        return $"{15 + month / 12:00}{1 + month % 12:00}.{k % PerMonth + 10_000:00000}";
    }

    /// <summary>Which real papers the <paramref name="k"/>-th synthetic one is made of (title/categories/day, second half, authors).</summary>
    public static (int A, int B, int C) DonorsOf(long k, int donorCount, int seed)
    {
        var random = new Random(HashCode.Combine(seed, k));
        return (random.Next(donorCount), random.Next(donorCount), random.Next(donorCount));
    }

    /// <summary>Writes <paramref name="total"/> papers (the donors first, then synthetic ones) to a .jsonl.gz file.</summary>
    public static void Write(IReadOnlyList<Donor> donors, long total, string path, int seed, Action<long>? progress = null)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        using var json = new Utf8JsonWriter(gz, new JsonWriterOptions { Indented = false, SkipValidation = true });
        void Paper(string id, string title, string summary, JsonElement authors, JsonElement categories, string day)
        {
            json.WriteStartObject();
            json.WriteString("_source_file", $"data/{day}.jsonl");
            json.WriteString("id", id);
            json.WriteString("abs", "https://arxiv.org/abs/" + id);
            json.WritePropertyName("authors"); authors.WriteTo(json);
            json.WriteString("title", title);
            json.WritePropertyName("categories"); categories.WriteTo(json);
            json.WriteNull("comment");
            json.WriteString("summary", summary);
            json.WriteEndObject();
            json.Flush();
            gz.WriteByte((byte)'\n');
            json.Reset();
        }
        var written = 0L;
        foreach (var d in donors.Take((int)Math.Min(total, donors.Count)))
        {
            Paper(d.Id, d.Title, d.Abstract, d.Authors, d.Categories, d.Day);
            if (++written % 100_000 == 0) progress?.Invoke(written);
        }
        for (var k = 0L; written < total; k++, written++)
        {
            var (a, b, c) = DonorsOf(k, donors.Count, seed);
            Paper(SyntheticId(k), JoinTitles(donors[a].Title, donors[b].Title), Interleave(donors[a].Abstract, donors[b].Abstract),
                donors[c].Authors, donors[a].Categories, donors[a].Day);
            if ((written + 1) % 100_000 == 0) progress?.Invoke(written + 1);
        }
    }

    /// <summary>The first half of one title's words and the second half of another's.</summary>
    public static string JoinTitles(string first, string second)
    {
        var a = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var b = second.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', a.Take(Math.Max(1, a.Length / 2)).Concat(b.Skip(b.Length / 2)));
    }

    /// <summary>Sentences of two abstracts taken in turn, as long as the longer of the two in sentences.</summary>
    public static string Interleave(string first, string second)
    {
        var a = Sentence().Split(first.Trim());
        var b = Sentence().Split(second.Trim());
        var parts = new List<string>(a.Length + b.Length);
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            parts.Add(i % 2 == 0 ? a[Math.Min(i, a.Length - 1)] : b[Math.Min(i, b.Length - 1)]);
        return string.Join(' ', parts);
    }

    private static string DayOf(string sourceFile) => Path.GetFileNameWithoutExtension(sourceFile);

    // A sentence ends at ". " before a capital letter: "e.g. a" and "Fig. 3" stay inside their sentence.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z])")]
    private static partial Regex Sentence();
}
