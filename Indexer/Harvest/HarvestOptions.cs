using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// How to harvest arXiv over OAI-PMH (section <c>Harvest</c>). Defaults follow arXiv's rules for robots:
/// one connection, at most one request every 3 s.
/// </summary>
public sealed class HarvestOptions : IValidatableObject
{
    public const string Section = "Harvest";

    [Required(ErrorMessage = "Harvest:Endpoint must be set (the OAI-PMH base URL).")]
    public Uri Endpoint { get; set; } = new("https://oaipmh.arxiv.org/oai");

    /// <summary><c>arXiv</c> (default) or <c>arXivRaw</c> (adds version history, so withdrawals are seen).</summary>
    [Required, RegularExpression("^(arXiv|arXivRaw)$", ErrorMessage = "Harvest:MetadataPrefix must be arXiv or arXivRaw.")]
    public string MetadataPrefix { get; set; } = "arXiv";

    /// <summary>
    /// OAI set specs harvested one after another, e.g. <c>cs</c>, <c>math:math:NA</c>, <c>physics:hep-th</c>; none
    /// configured means <see cref="DefaultSets"/>. Empty in code on purpose: configuration binding appends to a list's
    /// existing items, so a default written here would be harvested besides (and, from appsettings.json, twice) whatever
    /// an operator configures.
    /// </summary>
    public List<string> Sets { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultSets = ["cs"];

    /// <summary>The sets a harvest walks: <see cref="Sets"/>, distinct, or <see cref="DefaultSets"/> when none is configured.</summary>
    public IReadOnlyList<string> EffectiveSets => Sets.Count > 0 ? Sets.Distinct(StringComparer.Ordinal).ToList() : DefaultSets;

    /// <summary>Where a set with no checkpoint starts; null harvests the whole set.</summary>
    public DateOnly? InitialFrom { get; set; }

    /// <summary>
    /// The first start of a process that runs jobs, over a store with no papers, harvests this many recent days at once
    /// (one run of <c>harvest-arxiv</c>, not waiting for its schedule); 0 leaves a new instance empty until its first
    /// scheduled harvest or an import. Only where <c>Jobs:HarvestCron</c> is set: an instance that does not harvest
    /// never starts one by itself.
    /// </summary>
    [Range(0, 3650, ErrorMessage = "Harvest:FirstRunDays must be 0 (off) to 3650.")]
    public int FirstRunDays { get; set; } = 7;

    /// <summary>Least time between the starts of two requests (every attempt counts).</summary>
    public TimeSpan MinRequestSpacing { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>One attempt (headers and body) may take this long before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries after a network error, a timeout, a 5xx, 408 or 429.</summary>
    [Range(0, 20, ErrorMessage = "Harvest:MaxRetries must be 0..20.")]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the server gave no Retry-After; doubles with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A Retry-After longer than this is not waited for: the run stops with an error instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra fetches of a page whose body is not well-formed XML, before the run fails.</summary>
    [Range(0, 10, ErrorMessage = "Harvest:MalformedPageRetries must be 0..10.")]
    public int MalformedPageRetries { get; set; } = 2;

    /// <summary>How often an expired resumptionToken may restart a list from its from-date in one run.</summary>
    [Range(0, 10, ErrorMessage = "Harvest:MaxListRestarts must be 0..10.")]
    public int MaxListRestarts { get; set; } = 2;

    public string UserAgent { get; set; } = "PaperSearch-harvester/1.0 (self-hosted; OAI-PMH)";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RequestTimeout <= TimeSpan.Zero) yield return new("Harvest:RequestTimeout must be positive.", [nameof(RequestTimeout)]);
        if (MinRequestSpacing < TimeSpan.Zero) yield return new("Harvest:MinRequestSpacing must not be negative.", [nameof(MinRequestSpacing)]);
        if (MaxRetryAfter < TimeSpan.Zero) yield return new("Harvest:MaxRetryAfter must not be negative.", [nameof(MaxRetryAfter)]);
        if (RetryBaseDelay < TimeSpan.Zero) yield return new("Harvest:RetryBaseDelay must not be negative.", [nameof(RetryBaseDelay)]);
    }
}
