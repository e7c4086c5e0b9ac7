using System.Net;
using System.Net.Http.Headers;
using PaperSearch.Indexer.Harvest;

namespace PaperSearch.Indexer.Tests.Harvest;

public sealed class OaiClientTests
{
    [Fact]
    public void ListRecordsUri_EscapesSetAndFormatsFrom_WhenBothGiven()
    {
        var uri = OaiClient.ListRecordsUri(new Uri("https://oaipmh.arxiv.org/oai"), "arXivRaw", "math:math:NA", new DateOnly(2024, 3, 5));

        Assert.Equal("https://oaipmh.arxiv.org/oai?verb=ListRecords&metadataPrefix=arXivRaw&set=math%3Amath%3ANA&from=2024-03-05", uri.AbsoluteUri);
    }

    [Fact]
    public void ListRecordsUri_OmitsSetAndFrom_WhenNotGiven()
    {
        var uri = OaiClient.ListRecordsUri(new Uri("http://127.0.0.1:5000/oai"), "arXiv", null, null);

        Assert.Equal("http://127.0.0.1:5000/oai?verb=ListRecords&metadataPrefix=arXiv", uri.AbsoluteUri);
    }

    [Fact]
    public void RetryAfter_ReadsHttpDate_WhenServerSendsDate()
    {
        var now = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), OaiResilience.RetryAfter(response, new FixedTime(now)));
    }

    [Fact]
    public void RetryAfter_IsNull_WhenStatusIsNot503Or429()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        Assert.Null(OaiResilience.RetryAfter(response, TimeProvider.System));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
