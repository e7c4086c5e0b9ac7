using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class SearchVerb : ICliVerb
{
    public string Name => "search";
    public string Usage => "\"QUERY\" [--k N] [--mode hybrid|bm25|semantic] [--cat EXPR] [--from DATE] [--to DATE] [--sort relevance|date] [--explain] [--json]";
    public string Summary => "search from the command line (the same pipeline as the API)";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "--k", "--mode", "--cat", "--from", "--to", "--sort", "--page" };
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help", "--json", "--explain" };

    public async Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        var query = string.Join(' ', args.Positionals);
        var (request, errors) = SearchRequestParser.Parse(
            new(query, args.Option("--cat"), args.Option("--from"), args.Option("--to"), args.Option("--sort"), args.Option("--mode"),
                args.Option("--page"), args.Option("--k")),
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
        if (args.Flag("--json"))
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
            if (args.Flag("--explain"))
                Console.WriteLine($"      bm25 {h.Explain.Bm25:F3}  cosine {h.Explain.Cosine?.ToString("F3") ?? "–"}  fused {h.Explain.Fused:F3}  p {h.Explain.Membership?.ToString("F3") ?? "–"}");
        }
        return ExitCodes.Ok;
    }
}
