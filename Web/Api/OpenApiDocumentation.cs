using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PaperSearch.Categories;
using PaperSearch.Indexer.Index;
using PaperSearch.Web.Feeds;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Api;

/// <summary>
/// What the generated OpenAPI document cannot see by itself. Endpoints take their query parameters as strings (so
/// every malformed value gets our message rather than the framework's), which the generator would document as
/// untyped strings: this table says what each parameter really is, once for every endpoint that takes it. It also
/// adds the problem answers every endpoint can give (400 invalid, 429 over the rate limit).
/// </summary>
internal static class OpenApiDocumentation
{
    private sealed record Parameter(string Description, JsonSchemaType Type, string? Format = null, string[]? Enum = null,
        int? Minimum = null, int? Maximum = null, int? MaxLength = null, string? Example = null);

    private static readonly Dictionary<string, Parameter> Parameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["q"] = new("Query text: words, \"phrases\", +must, -not, AND/OR/NOT, field prefixes ti: au: abs: cat: id:, prefix*, fuzzy~ (README, Search syntax).",
            JsonSchemaType.String, MaxLength: PaperQuery.MaxLength, Example: "graph neural networks"),
        ["cat"] = new("Category expression: cs.AI+cs.LG (union; a space or ',' also joins), -cs.CY (exclude), cs (a whole archive).",
            JsonSchemaType.String, MaxLength: CategoryExpression.MaxLength, Example: "cs.AI+cs.LG-cs.CY"),
        ["from"] = new("Earliest announcement date (inclusive).", JsonSchemaType.String, Format: "date"),
        ["to"] = new("Latest announcement date (inclusive).", JsonSchemaType.String, Format: "date"),
        ["sort"] = new("relevance (default) or date (newest first; every free word then required).", JsonSchemaType.String, Enum: ["relevance", "date"]),
        ["mode"] = new("Ranking: hybrid (default: BM25 reranked by embeddings), bm25, or semantic.", JsonSchemaType.String, Enum: ["hybrid", "bm25", "semantic"]),
        ["page"] = new("Page number, from 1; page × size at most " + SearchRequestParser.MaxResultWindow.ToString(CultureInfo.InvariantCulture) + ".",
            JsonSchemaType.Integer, Format: "int32", Minimum: 1, Maximum: SearchRequestParser.MaxResultWindow),
        ["size"] = new("Results per page (default 20; a feed's default is " + FeedEndpoints.DefaultSearchEntries.ToString(CultureInfo.InvariantCulture) + ").",
            JsonSchemaType.Integer, Format: "int32", Minimum: 1, Maximum: SearchRequestParser.MaxPageSize),
        ["k"] = new("How many related papers (default 10).", JsonSchemaType.Integer, Format: "int32", Minimum: 1, Maximum: PapersApi.MaxRelated),
        ["date"] = new("Announcement day; left out: the newest day with papers.", JsonSchemaType.String, Format: "date"),
        ["expr"] = new("Category expression of the list, e.g. cs.AI+cs.LG-cs.CY.", JsonSchemaType.String, MaxLength: CategoryExpression.MaxLength, Example: "cs.AI"),
        ["format"] = new("Download format: bibtex (default) or ris.", JsonSchemaType.String, Enum: ["bibtex", "ris"]),
        ["ids"] = new("arXiv ids separated by commas or spaces, at most " + Exports.SelectionRequest.MaxIds.ToString(CultureInfo.InvariantCulture) + ".",
            JsonSchemaType.String, Example: "2401.06769,hep-th/9901001"),
        ["id"] = new("arXiv id in any form: 2401.06769, 2401.06769v2, hep-th/9901001 (or hep-th%2F9901001), https://arxiv.org/abs/2401.06769.",
            JsonSchemaType.String, Example: "2401.06769"),
        ["token"] = new("A saved library's token, as POST /api/libraries returned it (43 base64url characters); any other value is a 404.",
            JsonSchemaType.String, MaxLength: 200),
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
                if (parameter.Name is { } name && Parameters.TryGetValue(name, out var p))
                {
                    // A parameter bound from a record ([AsParameters]) is named after its property (Q); the query takes q.
                    parameter.Name = name.ToLowerInvariant();
                    Describe(parameter, p);
                }
            operation.Responses ??= new OpenApiResponses();
            // Liveness is never rate limited (an orchestrator polls it).
            if (context.Description.RelativePath != "health")
                AddProblem(operation, "429", "Over this address's rate limit; Retry-After says when to try again.");
            if (operation.Parameters is { Count: > 0 }) AddProblem(operation, "400", "A parameter is invalid; the problem names it and what to change.");
            return Task.CompletedTask;
        });
    }

    private static void Describe(OpenApiParameter parameter, Parameter p)
    {
        parameter.Description = p.Description;
        parameter.Schema = new OpenApiSchema
        {
            Type = p.Type,
            Format = p.Format,
            Enum = p.Enum?.Select(e => (JsonNode)JsonValue.Create(e)).ToList(),
            Minimum = p.Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = p.Maximum?.ToString(CultureInfo.InvariantCulture),
            MaxLength = p.MaxLength,
        };
        if (p.Example is not null) parameter.Example = JsonValue.Create(p.Example);
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails") },
            },
        };
    }
}
