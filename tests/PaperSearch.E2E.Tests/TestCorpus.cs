using System.IO.Compression;
using System.Text.Json;
using PaperSearch.TestSupport;

namespace PaperSearch.E2E.Tests;

/// <summary>One paper of the E2E corpus as the raw data has it, for checking what the pages show.</summary>
public sealed record FixturePaper(
    string Id, string Title, string Abstract, IReadOnlyList<string> Authors, IReadOnlyList<string> Categories, DateOnly Day, bool HasSummary, string? Tldr = null)
{
    /// <summary>What the in-page keyword filter looks at, as the page shows it (whitespace collapsed).</summary>
    public string FilterText => string.Join(' ', $"{Title}\n{Abstract}\n{string.Join(", ", Authors)}".Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The filter's rule for a Latin keyword: a whole word, any case ("benchmark" is not in "benchmarks").</summary>
    public bool HasWord(string keyword) => System.Text.RegularExpressions.Regex.IsMatch(FilterText,
        $@"(?<![\p{{L}}\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(keyword)}(?![\p{{L}}\p{{N}}])",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}

/// <summary>
/// The E2E data: three real announcement days from the shared corpus (about 1,450 papers) with their Chinese
/// summaries, plus a hand-written file of hostile and TeX titles. Written as JSONL into a scratch dir, never the repo.
/// </summary>
public sealed class TestCorpus
{
    public static readonly DateOnly[] Days = [new(2026, 1, 14), new(2026, 1, 15), new(2026, 1, 16)];

    public const string XssId = "2601.99901";
    public const string XssTitle = "<script>alert(1)</script> Robust <b>bold</b> parsing";
    public const string TexId = "2601.99902";
    public const string TexTitle = "$O(n^2)$ attention with $\\alpha$-entmax and $\\mathbb{R}^d$ embeddings";

    // Text-mode TeX, long inline and display math, and a formula KaTeX cannot parse (issue 14).
    public const string MathId = "2601.99903";
    public const string MathTitle = "$\\texttt{Complex-Edit}$: a \\texttt{Text-Mode} benchmark for \\emph{quokka} editing";
    public const string BrokenFormula = "$\\left( x$";
    public const string MathAbstract =
        "We bound the loss by $\\mathcal{L}(\\theta) = \\sum_{i=1}^{N} \\left( y_i - \\frac{\\exp(w_i^\\top x_i + b_i)}{\\sum_{j=1}^{K} " +
        "\\exp(w_j^\\top x_j + b_j)} \\right)^2 + \\lambda \\|\\theta\\|_2^2 + \\mu \\|\\theta\\|_1 + \\nu \\operatorname{KL}(p \\| q)$ and " +
        "$$\\int_0^\\infty e^{-x^2} \\, dx = \\frac{\\sqrt{\\pi}}{2} \\quad \\text{and} \\quad \\prod_{k=1}^{n} \\left(1 + \\frac{1}{k^2}\\right) " +
        "\\le \\exp\\left(\\sum_{k=1}^{n} \\frac{1}{k^2}\\right) \\le e^{\\pi^2/6}$$ for every $n$. A broken formula " + BrokenFormula +
        " stays readable. We use \\textbf{quokka} kernels, ``quoted'' words and \\texttt{mono}, and attention " + WideInline + ".";

    /// <summary>Inline math with no place KaTeX may break it (one \left…\right group), wider than a phone.</summary>
    public const string WideInline =
        "$\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}} + M_{\\mathrm{causal}} + B_{\\mathrm{alibi}} + R_{\\mathrm{rope}} + " +
        "P_{\\mathrm{position}} + S_{\\mathrm{sliding}}\\right)V$";

    // A search highlight inside a formula: the 2506.21714 case ("ti:shortcutting ODE"), with a word no real paper has.
    public const string HighlightId = "2601.99904";
    public const string HighlightTitle = "$\\textrm{Wombat}_t \\left(\\textrm{Wombat}_l \\right)$: Shortcutting Burrows for Faster Sampling";

    public required string CorpusFile { get; init; }
    public required string SummaryFile { get; init; }
    public required string HandWrittenFile { get; init; }
    public required IReadOnlyList<FixturePaper> Papers { get; init; }

    public static async Task<TestCorpus> WriteAsync(string dir, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dir);
        var corpus = Path.Combine(dir, "corpus.jsonl");
        var summaries = Path.Combine(dir, "ai-enhanced.jsonl");
        var handWritten = Path.Combine(dir, "hand-written.jsonl");
        var dayFiles = Days.Select(d => $"data/{d:yyyy-MM-dd}.jsonl").ToHashSet();
        var last = Days[^1];

        var ids = new HashSet<string>();
        var papers = new List<(string Id, string Title, string Abstract, List<string> Authors, List<string> Cats, DateOnly Day)>();
        await using (var w = new StreamWriter(corpus))
        {
            // The corpus is in listing-date order: stop at the first line after the last wanted day.
            await foreach (var line in Lines(SharedData.Corpus, ct))
            {
                var file = SourceFile(line);
                if (file is null) continue;
                if (dayFiles.Contains(file))
                {
                    await w.WriteLineAsync(line);
                    using var doc = JsonDocument.Parse(line);
                    var root = doc.RootElement;
                    var id = root.GetProperty("id").GetString()!;
                    var cats = root.TryGetProperty("categories", out var c) && c.ValueKind == JsonValueKind.Array
                        ? c.EnumerateArray().Select(x => x.GetString()!).ToList()
                        : [root.GetProperty("cate").GetString()!];
                    ids.Add(id);
                    var authors = root.TryGetProperty("authors", out var a) && a.ValueKind == JsonValueKind.Array
                        ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                    papers.Add((id, root.GetProperty("title").GetString()!, root.GetProperty("summary").GetString() ?? "", authors, cats,
                        DateOnly.ParseExact(file[5..15], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
                }
                else if (string.CompareOrdinal(file, $"data/{last:yyyy-MM-dd}.jsonl") > 0) break;
            }
        }

        var withSummary = new HashSet<string>();
        var tldrs = new Dictionary<string, string>();
        await using (var w = new StreamWriter(summaries))
        {
            await foreach (var line in Lines(SharedData.AiEnhanced, ct))
            {
                var file = SourceFile(line);
                if (file is null) continue;
                if (string.CompareOrdinal(file, $"data/{last.AddDays(1):yyyy-MM-dd}") > 0) break;
                using var doc = JsonDocument.Parse(line);
                var id = doc.RootElement.GetProperty("id").GetString()!;
                if (!ids.Contains(id) || !withSummary.Add(id)) continue;
                await w.WriteLineAsync(line);
                if (doc.RootElement.TryGetProperty("AI", out var ai) && ai.ValueKind == JsonValueKind.Object
                    && ai.TryGetProperty("tldr", out var tldr) && tldr.ValueKind == JsonValueKind.String) tldrs[id] = tldr.GetString()!;
            }
        }

        var day = Days[^1].ToString("yyyy-MM-dd");
        const string xssAbstract = "An abstract with <img src=x onerror=alert(2)> markup that must stay text.";
        const string texAbstract = "We show that $\\beta_1 \\leq \\gamma^{2}$ for sparse attention.";
        const string highlightAbstract = "Our $\\textrm{Wombat}$ sampler shortcuts the time and the length of a flow model.";
        string[] handAuthors = ["Mallory Example", "Eve <Adversary>"];
        await File.WriteAllLinesAsync(handWritten,
        [
            HandWritten(XssId, XssTitle, xssAbstract, handAuthors, ["cs.CR"], day),
            HandWritten(TexId, TexTitle, texAbstract, handAuthors, ["cs.LG", "cs.CL"], day),
            HandWritten(MathId, MathTitle, MathAbstract, handAuthors, ["cs.LG"], day),
            HandWritten(HighlightId, HighlightTitle, highlightAbstract, handAuthors, ["cs.LG"], day),
        ], ct);
        papers.Add((XssId, XssTitle, xssAbstract, [.. handAuthors], ["cs.CR"], Days[^1]));
        papers.Add((TexId, TexTitle, texAbstract, [.. handAuthors], ["cs.LG", "cs.CL"], Days[^1]));
        papers.Add((MathId, MathTitle, MathAbstract, [.. handAuthors], ["cs.LG"], Days[^1]));
        papers.Add((HighlightId, HighlightTitle, highlightAbstract, [.. handAuthors], ["cs.LG"], Days[^1]));

        return new TestCorpus
        {
            CorpusFile = corpus,
            SummaryFile = summaries,
            HandWrittenFile = handWritten,
            Papers = [.. papers.Select(p => new FixturePaper(p.Id, p.Title, p.Abstract, p.Authors, p.Cats, p.Day, withSummary.Contains(p.Id), tldrs.GetValueOrDefault(p.Id)))],
        };
    }

    private static string HandWritten(string id, string title, string summary, string[] authors, string[] cats, string day) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["_source_file"] = $"data/{day}.jsonl", ["id"] = id, ["pdf"] = $"https://arxiv.org/pdf/{id}", ["abs"] = $"https://arxiv.org/abs/{id}",
            ["authors"] = authors, ["title"] = title, ["categories"] = cats,
            ["comment"] = null, ["summary"] = summary,
        });

    /// <summary>The listing file a record came from; it is the first key of every line.</summary>
    private static string? SourceFile(string line)
    {
        const string key = "\"_source_file\": \"";
        var start = line.IndexOf(key, StringComparison.Ordinal);
        if (start < 0) return null;
        start += key.Length;
        var end = line.IndexOf('"', start);
        return end < 0 ? null : line[start..end];
    }

    private static async IAsyncEnumerable<string> Lines(string gzPath, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var file = File.OpenRead(gzPath);
        await using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz, bufferSize: 1 << 16);
        while (await reader.ReadLineAsync(ct) is { } line) yield return line;
    }
}
