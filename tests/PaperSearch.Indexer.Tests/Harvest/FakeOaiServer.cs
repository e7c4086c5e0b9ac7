using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Harvest;

/// <summary>What the fake server does to one response instead of serving it normally.</summary>
public enum OaiFault
{
    /// <summary>503 with <c>Retry-After: 1</c>.</summary>
    ServiceUnavailable,
    /// <summary>503 with <c>Retry-After: 3600</c>: longer than any test waits.</summary>
    ServiceUnavailableForAnHour,
    /// <summary>429 without Retry-After (backoff applies).</summary>
    TooManyRequests,
    /// <summary>500.</summary>
    InternalError,
    /// <summary>Headers and half the body, then the connection is aborted.</summary>
    ResetMidBody,
    /// <summary>200 with the XML cut in the middle.</summary>
    TruncatedXml,
    /// <summary>arXiv's real <c>badResumptionToken</c> error response.</summary>
    ExpiredToken,
    /// <summary>arXiv's real <c>badArgument</c> error response.</summary>
    BadArgument,
    /// <summary>Answers only after <see cref="FakeOaiServer.SlowDelay"/>.</summary>
    Slow,
}

/// <summary>
/// A local OAI-PMH endpoint (Kestrel on 127.0.0.1, port 0) serving REAL arXiv records from
/// shared/data/arxiv-oai-pmh-fixtures, re-wrapped into ListRecords pages of <see cref="PageSize"/> records with
/// resumptionTokens it issues itself. Faults are injected per page (0-based) for the first N fetches of that page.
/// It also checks the protocol: a resumption request carrying anything besides verb + resumptionToken gets badArgument.
/// </summary>
public sealed partial class FakeOaiServer : IAsyncDisposable
{
    private static readonly Lazy<IReadOnlyList<OaiFixtureRecord>> ArXivRecords = new(() =>
        [.. OaiFixtureRecord.Load("invenio-oaiharvester", "sample_arxiv_response_listrecords_cs.xml"),
         .. OaiFixtureRecord.Load("invenio-oaiharvester", "sample_arxiv_response_listrecords_physics.xml")]);
    private static readonly Lazy<IReadOnlyList<OaiFixtureRecord>> ArXivRawRecords = new(() =>
        [.. OaiFixtureRecord.Load("litpuvn-arxiv-oai-harvester", "ListRecords.xml"),
         .. OaiFixtureRecord.Load("mikesaelim-arXivOAIHarvester", "ListRecordsResponse.xml")]);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, (OaiFault Fault, int Times)> _faults = new();
    private readonly ConcurrentDictionary<int, int> _hits = new();
    private int _epoch;

    private FakeOaiServer(WebApplication app) => _app = app;

    public int PageSize { get; set; } = 50;
    public DateTimeOffset ResponseDate { get; set; } = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Sleep before every page so a child process can be killed mid-run.</summary>
    public TimeSpan PageDelay { get; set; } = TimeSpan.Zero;
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>When set, every request waits for it first: a test holds harvests back until it is ready to watch.</summary>
    public Task? Gate { get; set; }

    /// <summary>
    /// Ids the repository has deleted: from now on each is served as a <c>status="deleted"</c> header stamped with
    /// <see cref="ResponseDate"/>'s day, so an incremental harvest (from its last run's date) sees the deletion.
    /// </summary>
    public ConcurrentDictionary<string, bool> Deleted { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request as it arrived: time and query string.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Query)> Requests { get; } = new();

    public static IReadOnlyList<OaiFixtureRecord> Records(string metadataPrefix) =>
        metadataPrefix == "arXivRaw" ? ArXivRawRecords.Value : ArXivRecords.Value;

    /// <summary>The records a ListRecords for <paramref name="set"/> (null: all) serves, deduplicated as a store would.</summary>
    public static IReadOnlyList<OaiFixtureRecord> Matching(string metadataPrefix, string? set, DateOnly? from = null) =>
        [.. Records(metadataPrefix).Where(r => r.InSet(set) && (from is null || r.Datestamp >= from))];

    /// <summary><see cref="Matching"/> with the <see cref="Deleted"/> ids served as deleted headers.</summary>
    private IReadOnlyList<OaiFixtureRecord> Serving(string prefix, string? set, DateOnly? from)
    {
        if (Deleted.IsEmpty) return Matching(prefix, set, from);
        var today = DateOnly.FromDateTime(ResponseDate.UtcDateTime);
        return [.. Records(prefix).Select(r => Deleted.ContainsKey(r.Id) ? r.AsDeleted(today) : r)
            .Where(r => r.InSet(set) && (from is null || r.Datestamp >= from))];
    }

    public static async Task<FakeOaiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOaiServer(app);
        app.MapGet("/oai", server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First() + "/oai");
        return server;
    }

    /// <summary>Page <paramref name="page"/> (0-based) of any list answers with <paramref name="fault"/> on its next <paramref name="times"/> fetches.</summary>
    public void Fault(int page, OaiFault fault, int times = 1) => _faults[page] = (fault, times);

    /// <summary>Every token issued so far becomes invalid (as at arXiv's UTC midnight).</summary>
    public void ExpireTokens() => Interlocked.Increment(ref _epoch);

    public int Hits(int page) => _hits.GetValueOrDefault(page);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var q = http.Request.Query;
        Requests.Enqueue((DateTimeOffset.UtcNow, http.Request.QueryString.Value ?? ""));
        if (Gate is { } gate) await gate.WaitAsync(http.RequestAborted);
        if (PageDelay > TimeSpan.Zero) await Task.Delay(PageDelay, http.RequestAborted);
        if (q["verb"] != "ListRecords") { await WriteFixtureAsync(http, "ErrorResponseBadVerb.xml"); return; }

        string prefix, set; DateOnly? from; int page;
        if (q.ContainsKey("resumptionToken"))
        {
            if (q.Count != 2) { await WriteFixtureAsync(http, "ErrorResponseBadArgument.xml"); return; }
            var parts = q["resumptionToken"].ToString().Split('|');
            if (parts.Length != 5 || parts[0] != _epoch.ToString(CultureInfo.InvariantCulture))
            {
                await WriteFixtureAsync(http, "ErrorResponseBadResumptionToken.xml");
                return;
            }
            (prefix, set, from, page) = (parts[1], parts[2], parts[3] == "" ? null : DateOnly.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(parts[4], CultureInfo.InvariantCulture));
        }
        else
        {
            prefix = q["metadataPrefix"].ToString();
            if (prefix is not ("arXiv" or "arXivRaw")) { await WriteFixtureAsync(http, "ErrorResponseBadArgument.xml"); return; }
            set = q["set"].ToString();
            from = q.ContainsKey("from") ? DateOnly.Parse(q["from"]!, CultureInfo.InvariantCulture) : null;
            page = 0;
        }

        _hits.AddOrUpdate(page, 1, (_, n) => n + 1);
        if (_faults.TryGetValue(page, out var f) && f.Times > 0)
        {
            _faults[page] = f with { Times = f.Times - 1 };
            if (await ApplyFaultAsync(http, f.Fault, BuildPage(prefix, set, from, page))) return;
        }

        var records = Serving(prefix, set == "" ? null : set, from);
        if (records.Count == 0) { await WriteFixtureAsync(http, "sample_empty_response.xml", "invenio-oaiharvester"); return; }
        await WriteAsync(http, BuildPage(prefix, set, from, page));
    }

    private string BuildPage(string prefix, string set, DateOnly? from, int page)
    {
        var all = Serving(prefix, set == "" ? null : set, from);
        var slice = all.Skip(page * PageSize).Take(PageSize);
        var xml = new StringBuilder()
            .Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
            .Append("<responseDate>").Append(ResponseDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("</responseDate>\n")
            .Append("<request verb=\"ListRecords\">").Append(Endpoint).Append("</request>\n<ListRecords>\n");
        foreach (var r in slice) xml.Append(r.Xml).Append('\n');
        var last = (page + 1) * PageSize >= all.Count;
        var token = last ? "" : string.Join('|', _epoch, prefix, set, from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", page + 1);
        xml.Append(CultureInfo.InvariantCulture, $"<resumptionToken cursor=\"{page * PageSize}\" completeListSize=\"{all.Count}\">{token}</resumptionToken>\n");
        return xml.Append("</ListRecords>\n</OAI-PMH>\n").ToString();
    }

    private async Task<bool> ApplyFaultAsync(HttpContext http, OaiFault fault, string body)
    {
        switch (fault)
        {
            case OaiFault.ServiceUnavailable:
            case OaiFault.ServiceUnavailableForAnHour:
                http.Response.StatusCode = 503;
                http.Response.Headers.RetryAfter = fault == OaiFault.ServiceUnavailable ? "1" : "3600";
                await http.Response.WriteAsync("Retry later");
                return true;
            case OaiFault.TooManyRequests:
                http.Response.StatusCode = 429;
                return true;
            case OaiFault.InternalError:
                http.Response.StatusCode = 500;
                return true;
            case OaiFault.ResetMidBody:
                var bytes = Encoding.UTF8.GetBytes(body);
                http.Response.ContentType = "text/xml; charset=utf-8";
                http.Response.ContentLength = bytes.Length;
                await http.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await http.Response.Body.FlushAsync();
                http.Abort();
                return true;
            case OaiFault.TruncatedXml:
                await WriteAsync(http, body[..(body.Length / 2)]);
                return true;
            case OaiFault.ExpiredToken:
                await WriteFixtureAsync(http, "ErrorResponseBadResumptionToken.xml");
                return true;
            case OaiFault.BadArgument:
                await WriteFixtureAsync(http, "ErrorResponseBadArgument.xml");
                return true;
            case OaiFault.Slow:
                await Task.Delay(SlowDelay, http.RequestAborted);
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault));
        }
    }

    /// <summary>A real arXiv error response, with its responseDate set to today's (the server's clock is <see cref="ResponseDate"/>).</summary>
    private Task WriteFixtureAsync(HttpContext http, string file, string folder = "mikesaelim-arXivOAIHarvester") =>
        WriteAsync(http, ResponseDateElement().Replace(
            File.ReadAllText(Path.Combine(SharedData.OaiFixtures, folder, file)),
            "<responseDate>" + ResponseDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "</responseDate>"));

    [GeneratedRegex(@"<responseDate>[^<]*</responseDate>")]
    private static partial Regex ResponseDateElement();

    private static async Task WriteAsync(HttpContext http, string xml)
    {
        http.Response.ContentType = "text/xml; charset=utf-8";
        await http.Response.WriteAsync(xml, http.RequestAborted);
    }
}

/// <summary>One <c>&lt;record&gt;</c> element cut verbatim out of a real arXiv response.</summary>
public sealed partial record OaiFixtureRecord(string Id, DateOnly Datestamp, IReadOnlyList<string> SetSpecs, string Xml)
{
    public bool InSet(string? set) =>
        set is null || SetSpecs.Any(s => s == set || s.StartsWith(set + ":", StringComparison.Ordinal));

    /// <summary>This record as the repository serves it once deleted: a header with <c>status="deleted"</c>, no metadata.</summary>
    public OaiFixtureRecord AsDeleted(DateOnly datestamp)
    {
        var identifier = Identifier().Match(Xml).Groups[1].Value;
        var sets = string.Concat(SetSpecs.Select(s => $"<setSpec>{s}</setSpec>"));
        var day = datestamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return this with { Datestamp = datestamp, Xml = $"<record><header status=\"deleted\"><identifier>{identifier}</identifier><datestamp>{day}</datestamp>{sets}</header></record>" };
    }

    public static IEnumerable<OaiFixtureRecord> Load(string folder, string file)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.OaiFixtures, folder, file));
        foreach (Match m in RecordElement().Matches(text))
        {
            var xml = m.Value;
            var id = Papers.ArxivId.Normalize(Identifier().Match(xml).Groups[1].Value)!;
            var date = DateOnly.Parse(DatestampElement().Match(xml).Groups[1].Value, CultureInfo.InvariantCulture);
            var sets = SetSpec().Matches(xml).Select(s => s.Groups[1].Value).ToList();
            yield return new OaiFixtureRecord(id, date, sets, xml);
        }
    }

    [GeneratedRegex(@"<record>.*?</record>", RegexOptions.Singleline)]
    private static partial Regex RecordElement();
    [GeneratedRegex(@"<identifier>\s*([^<]+?)\s*</identifier>")]
    private static partial Regex Identifier();
    [GeneratedRegex(@"<datestamp>\s*([^<]+?)\s*</datestamp>")]
    private static partial Regex DatestampElement();
    [GeneratedRegex(@"<setSpec>\s*([^<]+?)\s*</setSpec>")]
    private static partial Regex SetSpec();
}
