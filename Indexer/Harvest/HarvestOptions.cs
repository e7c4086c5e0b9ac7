using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// How to harvest arXiv over OAI-PMH (section <c>Harvest</c>). Defaults follow arXiv's rules for robots:
/// one connection, at most one request every 3 s.
/// </summary>
public sealed class HarvestOptions
{
    public const string Section = "Harvest";

    [Required]
    public Uri Endpoint { get; set; } = new("https://oaipmh.arxiv.org/oai");

    /// <summary><c>arXiv</c> (default) or <c>arXivRaw</c> (adds version history, so withdrawals are seen).</summary>
    [Required, RegularExpression("^(arXiv|arXivRaw)$")]
    public string MetadataPrefix { get; set; } = "arXiv";

    /// <summary>OAI set specs harvested one after another, e.g. <c>cs</c>, <c>math:math:NA</c>, <c>physics:hep-th</c>.</summary>
    [MinLength(1)]
    public List<string> Sets { get; set; } = ["cs"];

    /// <summary>Where a set with no checkpoint starts; null harvests the whole set.</summary>
    public DateOnly? InitialFrom { get; set; }

    /// <summary>Least time between the starts of two requests (every attempt counts).</summary>
    public TimeSpan MinRequestSpacing { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>One attempt (headers and body) may take this long before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries after a network error, a timeout, a 5xx, 408 or 429.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the server gave no Retry-After; doubles with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A Retry-After longer than this is not waited for: the run stops with an error instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra fetches of a page whose body is not well-formed XML, before the run fails.</summary>
    [Range(0, 10)]
    public int MalformedPageRetries { get; set; } = 2;

    /// <summary>How often an expired resumptionToken may restart a list from its from-date in one run.</summary>
    [Range(0, 10)]
    public int MaxListRestarts { get; set; } = 2;

    public string UserAgent { get; set; } = "PaperSearch-harvester/1.0 (self-hosted; OAI-PMH)";
}
