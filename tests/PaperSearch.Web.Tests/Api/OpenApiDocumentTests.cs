using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Hardening;

namespace PaperSearch.Web.Tests.Api;

/// <summary>
/// /openapi/v1.json is a contract a client can be generated from: valid OpenAPI, every mapped endpoint in it (and
/// nothing else), typed and described parameters, and answers that match the schemas it states.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("openapi");
    private readonly PaperSearchApp _app = new(new() { ["RateLimit:Enabled"] = "false" });
    private JsonElement _document;
    private string _realId = "";

    public async Task InitializeAsync()
    {
        await HardeningCorpus.ImportAsync(_app.Services, HardeningCorpus.Write(_dir, 40));
        _document = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        var search = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/api/search?q=learning&mode=bm25")).RootElement;
        _realId = search.GetProperty("hits")[0].GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Document_IsValidOpenApi()
    {
        var text = await _app.CreateClient().GetStringAsync("/openapi/v1.json");
        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.NotNull(read.Document);
        Assert.Empty(read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public void Document_HoldsEveryMappedEndpoint_AndNoOther()
    {
        var mapped = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api") || p.StartsWith("/feed") || p.StartsWith("/health")))
            // A route kept out on purpose (the old-style-id twin of a documented one) says so in its metadata.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                $"{m.ToLowerInvariant()} {e.RoutePattern.RawText!.Replace("{**", "{", StringComparison.Ordinal)}"))
            .ToHashSet();
        var documented = _document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name} {p.Name}")).ToHashSet();
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
        Assert.Contains("get /api/papers/{id}/related", documented);
        Assert.Contains("get /health/ready", documented);
    }

    [Fact]
    public void EveryParameter_IsTypedAndDescribed_AndEveryOperationDocumentsItsProblems()
    {
        foreach (var (path, method, op) in Operations())
        {
            var responses = op.GetProperty("responses");
            if (path != "/health") Assert.True(responses.TryGetProperty("429", out _), $"{method} {path} documents no 429");
            if (!op.TryGetProperty("parameters", out var parameters)) continue;
            Assert.True(responses.TryGetProperty("400", out _), $"{method} {path} documents no 400");
            foreach (var p in parameters.EnumerateArray())
            {
                var name = p.GetProperty("name").GetString();
                Assert.False(string.IsNullOrWhiteSpace(p.TryGetProperty("description", out var d) ? d.GetString() : null), $"{path}: '{name}' has no description");
                Assert.True(p.GetProperty("schema").TryGetProperty("type", out _), $"{path}: '{name}' has no type");
            }
        }
        var search = Operation("/api/search");
        Assert.Equal("integer", Parameter(search, "size").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(["relevance", "date"], Parameter(search, "sort").GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(100, Parameter(search, "size").GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.Equal("date", Parameter(search, "from").GetProperty("schema").GetProperty("format").GetString());
        Assert.DoesNotContain(_document.GetProperty("components").GetProperty("schemas").EnumerateObject(), s => s.Name.StartsWith("Anonymous", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestsBuiltFromTheDocument_AreAnsweredAsItsSchemasSay()
    {
        var client = _app.CreateClient();
        var checkedBodies = 0;
        // GET requests only: the one POST (related work) is checked below and in HybridSearchTests.RelatedWork.
        foreach (var (path, method, op) in Operations().Where(o => o.Method == "get"))
        {
            foreach (var url in Requests(path, op))
            {
                var response = await client.GetAsync(url);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(op.GetProperty("responses").TryGetProperty(status, out var documented), $"{url}: {status} is not documented");
                var type = response.Content.Headers.ContentType?.MediaType ?? "";
                if (!documented.TryGetProperty("content", out var content)) continue;
                Assert.True(content.TryGetProperty(type, out var media), $"{url}: {type} is not a documented type for {status}");
                if (!type.EndsWith("json", StringComparison.Ordinal)) continue;
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                var problems = new List<string>();
                Conforms(body, media.GetProperty("schema"), url, problems);
                Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
                checkedBodies++;
            }
        }
        Assert.True(checkedBodies >= 10, $"only {checkedBodies} bodies checked");
    }

    /// <summary>Per operation: one request with every parameter at its documented example (or a valid value), one with
    /// a real paper's id where the path takes one, and one with an invalid value where there are parameters.</summary>
    private IEnumerable<string> Requests(string path, JsonElement op)
    {
        var parameters = op.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToList() : [];
        string Build(Func<JsonElement, string?> value)
        {
            var url = path;
            var query = new List<string>();
            foreach (var p in parameters)
            {
                var name = p.GetProperty("name").GetString()!;
                var v = value(p);
                if (v is null) continue;
                if (p.GetProperty("in").GetString() == "path") url = url.Replace("{" + name + "}", Uri.EscapeDataString(v), StringComparison.Ordinal);
                else query.Add($"{name}={Uri.EscapeDataString(v)}");
            }
            return query.Count == 0 ? url : url + "?" + string.Join('&', query);
        }
        yield return Build(Valid);
        if (path.Contains("{id}", StringComparison.Ordinal)) yield return Build(p => p.GetProperty("name").GetString() == "id" ? _realId : Valid(p));
        if (parameters.Count > 0) yield return Build(p => p.GetProperty("schema").GetProperty("type").GetString() == "integer" ? "-7" : "cs.NOPE]]");
    }

    private static string? Valid(JsonElement p)
    {
        if (p.TryGetProperty("example", out var e)) return e.GetString();
        var schema = p.GetProperty("schema");
        if (schema.TryGetProperty("enum", out var values)) return values[0].GetString();
        if (schema.TryGetProperty("minimum", out var min)) return min.ToString();
        if (schema.TryGetProperty("format", out var f) && f.GetString() == "date") return null;
        return p.TryGetProperty("required", out var r) && r.GetBoolean() ? "x" : null;
    }

    /// <summary>A JSON value against an OpenAPI 3.1 schema: $ref, types (also lists with null), required properties,
    /// items, maps, oneOf/anyOf. Enough to catch a wrong or missing field; not a full JSON Schema validator.</summary>
    private void Conforms(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            Conforms(value, _document.GetProperty("components").GetProperty("schemas").GetProperty(name), at, problems);
            return;
        }
        foreach (var any in new[] { "oneOf", "anyOf" })
            if (schema.TryGetProperty(any, out var options))
            {
                if (!options.EnumerateArray().Any(o => { var p = new List<string>(); Conforms(value, o, at, p); return p.Count == 0; }))
                    problems.Add($"{at}: matches none of its {any}");
                return;
            }
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => Is(value, t))) { problems.Add($"{at}: {value.ValueKind} where the schema says {string.Join('|', types)}"); return; }
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var r in required.EnumerateArray())
                    if (!value.TryGetProperty(r.GetString()!, out _)) problems.Add($"{at}: required '{r.GetString()}' is missing");
            var properties = schema.TryGetProperty("properties", out var props) ? props : default;
            foreach (var member in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var ps)) Conforms(member.Value, ps, $"{at}.{member.Name}", problems);
                else if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object) Conforms(member.Value, extra, $"{at}.{member.Name}", problems);
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Conforms(item, items, $"{at}[{i++}]", problems);
        }
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => false,
    };

    [Fact]
    public void RelatedWork_DocumentsItsJsonAndMultipartBodies_ItsResultSchema_AndItsLimits()
    {
        var op = _document.GetProperty("paths").GetProperty("/api/related").GetProperty("post");
        var body = op.GetProperty("requestBody").GetProperty("content");
        Assert.True(body.TryGetProperty("application/json", out var json));
        Assert.True(body.TryGetProperty("multipart/form-data", out _));
        Assert.True(json.GetProperty("schema").TryGetProperty("$ref", out _));
        foreach (var status in new[] { "200", "400", "413", "415", "429" }) Assert.True(op.GetProperty("responses").TryGetProperty(status, out _), status);
        var schemas = _document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("RelatedApiRequest", out var request));
        Assert.True(request.GetProperty("properties").TryGetProperty("bibtex", out _));
        Assert.True(schemas.GetProperty("RelatedWorkResult").GetProperty("properties").TryGetProperty("unmatched", out _));
    }

    private IEnumerable<(string Path, string Method, JsonElement Op)> Operations() =>
        _document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name, m.Name, m.Value)));

    private JsonElement Operation(string path) => _document.GetProperty("paths").GetProperty(path).GetProperty("get");

    private static JsonElement Parameter(JsonElement op, string name) =>
        op.GetProperty("parameters").EnumerateArray().First(p => p.GetProperty("name").GetString() == name);

    public Task DisposeAsync()
    {
        _app.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
