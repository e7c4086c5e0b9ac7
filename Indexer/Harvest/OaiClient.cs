using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Sources.Oai;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// OAI-PMH <c>ListRecords</c> against one endpoint. The <see cref="HttpClient"/> it gets carries the politeness
/// gate and the resilience pipeline (see <c>AddOaiHarvest</c>); here a page that is not well-formed XML is fetched
/// again a few times, and every failure that is left becomes an <see cref="OaiHarvestException"/> that names the request.
/// OAI errors (<c>noRecordsMatch</c>, <c>badResumptionToken</c>, …) are returned in <see cref="OaiPage.ErrorCode"/>:
/// what they mean for the run is the harvester's business.
/// </summary>
public sealed class OaiClient
{
    private readonly HttpClient _http;
    private readonly HarvestOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _malformedRetry;

    public OaiClient(HttpClient http, IOptions<HarvestOptions> options, TimeProvider time)
    {
        _http = http;
        _options = options.Value;
        _time = time;
        _malformedRetry = _options.MalformedPageRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<XmlException>(),
                    MaxRetryAttempts = _options.MalformedPageRetries,
                    BackoffType = DelayBackoffType.Constant,
                    Delay = TimeSpan.Zero, // the gate already spaces the next request
                })
                .Build();
    }

    /// <summary>First page of a list: <c>verb</c>, <c>metadataPrefix</c>, and <c>set</c>/<c>from</c> when given.</summary>
    public Task<OaiPage> ListRecordsAsync(Uri endpoint, string metadataPrefix, string? set, DateOnly? from, CancellationToken ct) =>
        FetchAsync(ListRecordsUri(endpoint, metadataPrefix, set, from), ct);

    /// <summary>A later page: OAI-PMH allows ONLY <c>verb</c> and <c>resumptionToken</c> on this request.</summary>
    public Task<OaiPage> ResumeAsync(Uri endpoint, string resumptionToken, CancellationToken ct) =>
        FetchAsync(WithQuery(endpoint, $"verb=ListRecords&resumptionToken={Uri.EscapeDataString(resumptionToken)}"), ct);

    internal static Uri ListRecordsUri(Uri endpoint, string metadataPrefix, string? set, DateOnly? from)
    {
        var q = new StringBuilder("verb=ListRecords&metadataPrefix=").Append(Uri.EscapeDataString(metadataPrefix));
        if (!string.IsNullOrEmpty(set)) q.Append("&set=").Append(Uri.EscapeDataString(set));
        if (from is { } f) q.Append("&from=").Append(f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return WithQuery(endpoint, q.ToString());
    }

    private static Uri WithQuery(Uri endpoint, string query) => new UriBuilder(endpoint) { Query = query }.Uri;

    private async Task<OaiPage> FetchAsync(Uri url, CancellationToken ct)
    {
        try
        {
            return await _malformedRetry.ExecuteAsync(async token => await FetchOnceAsync(url, token), ct);
        }
        catch (XmlException e)
        {
            throw new OaiHarvestException(
                $"GET {url}: the response is not well-formed XML at line {e.LineNumber}, position {e.LinePosition} " +
                $"(after {_options.MalformedPageRetries + 1} attempts): {e.Message}", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new OaiHarvestException(
                $"GET {url}: no complete response within {_options.RequestTimeout.TotalSeconds:0.#} s " +
                $"(after {_options.MaxRetries + 1} attempts).", e);
        }
        catch (HttpRequestException e)
        {
            throw new OaiHarvestException($"GET {url}: network error after {_options.MaxRetries + 1} attempts: {e.Message}", e);
        }
    }

    private async Task<OaiPage> FetchOnceAsync(Uri url, CancellationToken ct)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
        if (!response.IsSuccessStatusCode) await ThrowForStatusAsync(url, response, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return OaiResponseParser.Parse(body, url.ToString());
    }

    private async Task ThrowForStatusAsync(Uri url, HttpResponseMessage response, CancellationToken ct)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (OaiResilience.RetryAfter(response, _time) is { } wait)
        {
            var why = wait > _options.MaxRetryAfter
                ? $"the server asks to wait {wait.TotalSeconds:0} s (Retry-After), more than the {_options.MaxRetryAfter.TotalSeconds:0} s we wait"
                : $"still refused after {_options.MaxRetries + 1} attempts (Retry-After {wait.TotalSeconds:0} s)";
            throw new OaiHarvestException($"GET {url}: {status}: {why}; try again later.");
        }
        var text = await response.Content.ReadAsStringAsync(ct);
        var retried = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
            ? $" after {_options.MaxRetries + 1} attempts" : "";
        throw new OaiHarvestException($"GET {url}: {status}{retried}: {Shorten(text)}");
    }

    private static string Shorten(string text) =>
        text.Length <= 300 ? text.Trim() : text[..300].Trim() + "…";
}
