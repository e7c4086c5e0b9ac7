using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class SearchVerb : ICliVerb
{
    // Values stay text: SearchRequestParser reads them, as it reads the API's, with the same bounds and messages.
    private readonly Argument<string[]> _query = new("QUERY") { Description = "the query (words, \"phrases\", ti:/au:/cat: fields, an arXiv id)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _k = new("--k") { Description = $"results per page, 1 to {SearchRequestParser.MaxPageSize} (default 20)", HelpName = "N" };
    private readonly Option<string?> _page = new("--page") { Description = "the page of results (default 1)", HelpName = "N" };
    private readonly Option<string?> _mode = new("--mode") { Description = "the ranking (default Search:DefaultMode)", HelpName = "hybrid|bm25|semantic" };
    private readonly Option<string?> _cat = new("--cat") { Description = "a category expression, e.g. cs.AI+cs.LG", HelpName = "EXPR" };
    private readonly Option<string?> _from = new("--from") { Description = "papers listed on or after this day", HelpName = "YYYY-MM-DD" };
    private readonly Option<string?> _to = new("--to") { Description = "papers listed on or before this day", HelpName = "YYYY-MM-DD" };
    private readonly Option<string?> _sort = new("--sort") { Description = "the order (default relevance)", HelpName = "relevance|date" };
    private readonly Option<bool> _explain = new("--explain") { Description = "print each hit's scores" };
    private readonly Option<bool> _json = new("--json") { Description = "print the response as the API's JSON" };

    public SearchVerb()
    {
        _mode.CompletionSources.Add([.. Enum.GetNames<SearchMode>().Select(n => n.ToLowerInvariant())]);
        _sort.CompletionSources.Add([.. Enum.GetNames<SearchSort>().Select(n => n.ToLowerInvariant())]);
        Command = new("search", "search from the command line (the same pipeline as the API)")
            { _query, _k, _page, _mode, _cat, _from, _to, _sort, _explain, _json };
    }

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var query = string.Join(' ', args.GetValue(_query) ?? []);
        var (request, errors) = SearchRequestParser.Parse(
            new(query, args.GetValue(_cat), args.GetValue(_from), args.GetValue(_to), args.GetValue(_sort), args.GetValue(_mode),
                args.GetValue(_page), args.GetValue(_k)),
            services.GetRequiredService<IOptions<SearchOptions>>().Value.DefaultMode);
        if (request is null)
        {
            // The page size is --k here: name the option the person typed.
            if (errors.Remove("size", out var size)) errors["--k"] = [.. size.Select(m => m.StartsWith("size ", StringComparison.Ordinal) ? "--k" + m[4..] : m)];
            throw new UsageException(SearchRequestParser.Describe(errors));
        }

        if (request.Mode != SearchMode.Bm25) await services.GetRequiredService<VectorCatalog>().ReloadAsync(ct);
        var outcome = await services.GetRequiredService<SearchService>().SearchAsync(request, ct);
        if (outcome.Response is not { } response)
        {
            Console.Error.WriteLine("error: " + outcome.Error);
            return ExitCodes.Usage;
        }
        if (args.GetValue(_json))
        {
            Console.WriteLine(JsonSerializer.Serialize(response, CliJson.Options));
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{response.Total:N0} hits ({response.Mode}, {response.TookMs} ms)");
        if (response.Notice is { } notice) Console.Error.WriteLine("partial: " + notice);
        var rank = (request.Page - 1) * request.Size;
        foreach (var h in response.Hits)
        {
            Console.WriteLine($"{++rank,3}. {h.Id,-18} {h.Submitted:yyyy-MM-dd}  {h.Title}");
            if (args.GetValue(_explain))
                Console.WriteLine($"      bm25 {h.Explain.Bm25:F3}  cosine {h.Explain.Cosine?.ToString("F3") ?? "–"}  fused {h.Explain.Fused:F3}  p {h.Explain.Membership?.ToString("F3") ?? "–"}");
        }
        return ExitCodes.Ok;
    }
}
