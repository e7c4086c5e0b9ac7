using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Web.Related;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class RelatedVerb : ICliVerb
{
    private readonly Option<string?> _textFile = new("--text-file") { Description = "a text to find related work for (an abstract, a draft, LaTeX source; - reads stdin)", HelpName = "FILE" };
    private readonly Option<string?> _bib = new("--bib") { Description = "a BibTeX file: entries matched to stored papers by eprint, arXiv URL/DOI or title", HelpName = "FILE" };
    private readonly Option<string[]> _id = new("--id") { Description = "an arXiv id or URL (repeatable)", HelpName = "ID", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> _k = new("--k") { Description = $"how many papers, 1 to {RelatedWorkRequest.MaxK} (default {RelatedRequestParser.DefaultK})", HelpName = "N" };
    private readonly Option<string?> _mode = new("--mode") { Description = "the ranking (default hybrid)", HelpName = "hybrid|bm25|semantic" };
    private readonly Option<string?> _cat = new("--cat") { Description = "a category expression, e.g. cs.AI+cs.LG", HelpName = "EXPR" };
    private readonly Option<string?> _from = new("--from") { Description = "papers listed on or after this day", HelpName = "YYYY-MM-DD" };
    private readonly Option<string?> _to = new("--to") { Description = "papers listed on or before this day", HelpName = "YYYY-MM-DD" };
    private readonly Option<string?> _sort = new("--sort") { Description = "the order (default relevance)", HelpName = "relevance|date" };
    private readonly Option<bool> _json = new("--json") { Description = "print the result as the API's JSON" };

    public RelatedVerb() => Command = new("related", "related work for a text, a .bib or arXiv ids (the pipeline of the Related work page and POST /api/related)")
        { _textFile, _bib, _id, _k, _mode, _cat, _from, _to, _sort, _json };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var text = await ReadAsync(args.GetValue(_textFile), "--text-file", ct);
        var bib = await ReadAsync(args.GetValue(_bib), "--bib", ct);
        var (request, errors) = RelatedRequestParser.Parse(
            new(text, string.Join(',', args.GetValue(_id) ?? []), bib, args.GetValue(_k), args.GetValue(_cat), args.GetValue(_from),
                args.GetValue(_to), args.GetValue(_sort), args.GetValue(_mode)),
            services.GetRequiredService<IOptions<RelatedOptions>>().Value.MaxTextLength);
        if (request is null)
        {
            if (errors.Remove("text", out var m) && text is null && bib is null) errors["input"] = ["Give --text-file FILE, --bib FILE or --id ID (or several)."];
            else if (m is not null) errors["text"] = m;
            throw new UsageException(Search.SearchRequestParser.Describe(errors));
        }

        if (request.Ranking != RelatedRanking.Bm25) await services.GetRequiredService<VectorCatalog>().ReloadAsync(ct);
        RelatedWorkResult result;
        try { result = await services.GetRequiredService<RelatedWorkService>().FindAsync(request, ct); }
        catch (BibTexFormatException e) { throw new UsageException(e.Message); }

        if (args.GetValue(_json))
        {
            Console.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            return ExitCodes.Ok;
        }
        foreach (var r in result.Recognised) Console.Error.WriteLine($"input: {r.Input} → {r.Id} ({r.How}) {r.Title}");
        foreach (var u in result.Unmatched) Console.Error.WriteLine($"not matched: {u.Input}{(u.Line is { } l ? $" (line {l})" : "")}: {u.Reason}");
        foreach (var n in result.Notices) Console.Error.WriteLine("note: " + n);
        Console.WriteLine($"{result.Hits.Count} related papers ({result.Ranking}, {result.TookMs} ms); terms: {string.Join(", ", result.Terms.Take(12))}");
        var rank = 0;
        foreach (var h in result.Hits)
        {
            Console.WriteLine($"{++rank,3}. {h.Id,-18} {h.Date:yyyy-MM-dd}  {h.Title}");
            Console.WriteLine($"      cosine {h.Explain.Cosine?.ToString("F3") ?? "–"}  bm25 {h.Explain.Bm25:F2}  fused {h.Explain.Fused:F3}  p {h.Explain.Membership?.ToString("F3") ?? "–"}  shares: {string.Join(", ", h.SharedTerms.Take(8))}");
        }
        return ExitCodes.Ok;
    }

    private static async Task<string?> ReadAsync(string? path, string option, CancellationToken ct)
    {
        if (path is null) return null;
        if (path == "-") return await Console.In.ReadToEndAsync(ct);
        if (!File.Exists(path)) throw new UsageException($"{option}: no file at {path}.");
        return await File.ReadAllTextAsync(path, ct);
    }
}
