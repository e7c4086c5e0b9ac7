using System.CommandLine;
using System.Text.Json;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Web.Library;
using PaperSearch.Web.Related;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class RecommendVerb : ICliVerb
{
    private readonly Option<string[]> _ids = new("--ids") { Description = "the library: arXiv ids or URLs (or other stored ids), separated by commas or repeated", HelpName = "IDS" };
    private readonly Option<string?> _bib = new("--bib") { Description = "the library as a BibTeX file (Zotero, Mendeley): entries matched by eprint, arXiv URL/DOI or title", HelpName = "FILE" };
    private readonly Option<string[]> _dismissed = new("--dismissed") { Description = "papers not wanted (negatives), like --ids", HelpName = "IDS" };
    private readonly Option<string?> _k = new("--k") { Description = $"how many papers, 1 to {RecommendRequest.MaxK} (default {RecommendRequestParser.DefaultK})", HelpName = "N" };
    private readonly Option<string?> _model = new("--model") { Description = "the model (default hybrid)", HelpName = "hybrid|ridge|nearest|centroid|bm25" };
    private readonly Option<string?> _cat = new("--cat") { Description = "a category expression, e.g. cs.AI+cs.LG", HelpName = "EXPR" };
    private readonly Option<string?> _from = new("--from") { Description = "papers listed on or after this day", HelpName = "YYYY-MM-DD" };
    private readonly Option<string?> _to = new("--to") { Description = "papers listed on or before this day", HelpName = "YYYY-MM-DD" };
    private readonly Option<bool> _json = new("--json") { Description = "print the result as the API's JSON" };

    public RecommendVerb() => Command = new("recommend", "recommendations for a library of papers (the model of the For you page and POST /api/recommend)")
        { _ids, _bib, _dismissed, _k, _model, _cat, _from, _to, _json };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var positives = (args.GetValue(_ids) ?? []).SelectMany(RecommendRequestParser.SplitIds).ToList();
        if (args.GetValue(_bib) is { } bibPath)
        {
            if (!File.Exists(bibPath)) throw new UsageException($"--bib: no file at {bibPath}.");
            var related = services.GetRequiredService<RelatedWorkService>();
            (IReadOnlyList<RecognisedInput> recognised, IReadOnlyList<UnmatchedInput> unmatched) matched;
            try { matched = related.Match(new RelatedWorkRequest { BibTex = await File.ReadAllTextAsync(bibPath, ct) }); }
            catch (BibTexFormatException e) { throw new UsageException(e.Message); }
            foreach (var u in matched.unmatched) Console.Error.WriteLine($"not matched: {u.Input}{(u.Line is { } l ? $" (line {l})" : "")}: {u.Reason}");
            Console.Error.WriteLine($"{bibPath}: {matched.recognised.Count} entries name stored papers, {matched.unmatched.Count} do not.");
            positives.AddRange(matched.recognised.Select(r => r.Id));
        }
        if (positives.Count == 0) throw new UsageException("Give the library: --ids ID,ID,… or --bib FILE.");
        var (request, errors) = RecommendRequestParser.Parse(new(positives,
            (args.GetValue(_dismissed) ?? []).SelectMany(RecommendRequestParser.SplitIds).ToList(), null,
            args.GetValue(_k), args.GetValue(_cat), args.GetValue(_from), args.GetValue(_to), args.GetValue(_model)));
        if (request is null) throw new UsageException(Search.SearchRequestParser.Describe(errors));

        if (request.Model != RecommendModel.Bm25) await services.GetRequiredService<VectorCatalog>().ReloadAsync(ct);
        var result = await services.GetRequiredService<RecommendService>().RecommendAsync(request, ct);
        if (args.GetValue(_json))
        {
            Console.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            return ExitCodes.Ok;
        }
        foreach (var id in result.Unknown) Console.Error.WriteLine($"not in this instance: {id}");
        foreach (var n in result.Notices) Console.Error.WriteLine("note: " + n);
        Console.WriteLine($"{result.Hits.Count} recommendations ({result.Model}, {result.TookMs} ms); library keywords: {string.Join(", ", result.Terms.Take(12))}");
        var rank = 0;
        foreach (var h in result.Hits)
        {
            Console.WriteLine($"{++rank,3}. {h.Id,-18} {h.Date:yyyy-MM-dd}  {h.Title}");
            var because = string.Join("; ", h.Because.Select(b => $"{b.Id} ({b.Cosine:F2})"));
            Console.WriteLine($"      score {h.Score:F3}  p {h.Membership?.ToString("F3") ?? "–"}  near: {because}  shares: {string.Join(", ", h.SharedTerms.Take(8))}");
        }
        return ExitCodes.Ok;
    }
}
