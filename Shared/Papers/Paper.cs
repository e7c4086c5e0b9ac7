namespace PaperSearch.Papers;

/// <summary>
/// One arXiv paper as the system of record holds it: the metadata of its newest known version.
/// Every source parses into this record; the store merges records by <see cref="Id"/>.
/// </summary>
public sealed record Paper
{
    /// <summary>Normalised arXiv id without version: <c>2401.06769</c>, <c>hep-th/9901001</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Newest version number known (1 when the source does not say).</summary>
    public int Version { get; init; } = 1;

    public required string Title { get; init; }
    public string Abstract { get; init; } = "";
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>Categories with the primary one first, aliases canonicalised (see <c>CategoryAliases</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>MSC 2020 classes (<c>68T07</c>), arXiv's <c>msc-class</c>; never among <see cref="Categories"/>.</summary>
    public IReadOnlyList<string> MscClasses { get; init; } = [];

    /// <summary>ACM CCS classes (<c>I.2.6</c>), arXiv's <c>acm-class</c>; never among <see cref="Categories"/>.</summary>
    public IReadOnlyList<string> AcmClasses { get; init; } = [];

    public string? Comments { get; init; }
    public string? JournalRef { get; init; }
    public string? Doi { get; init; }
    public string? License { get; init; }
    public string? ReportNo { get; init; }

    /// <summary>When version 1 was submitted (UTC), if the source knows.</summary>
    public DateTimeOffset? Submitted { get; init; }

    /// <summary>When the newest version was submitted or the record last changed (UTC), if known.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The arXiv announcement (listing) day on which the paper first appeared, if known.</summary>
    public DateOnly? ListingDate { get; init; }

    /// <summary>True when the newest version is a withdrawal notice.</summary>
    public bool Withdrawn { get; init; }

    /// <summary>Version history, oldest first (from arXivRaw, Kaggle <c>versions</c>, or .abs files); may be empty.</summary>
    public IReadOnlyList<PaperVersion> Versions { get; init; } = [];

    /// <summary>Primary category, or null when the source gave none.</summary>
    public string? PrimaryCategory => Categories.Count > 0 ? Categories[0] : null;

    /// <summary>The best date we have for "when did this appear": listing day, else v1 submission, else update.</summary>
    public DateOnly? EffectiveDate =>
        ListingDate ?? (Submitted is { } s ? DateOnly.FromDateTime(s.UtcDateTime)
                      : Updated is { } u ? DateOnly.FromDateTime(u.UtcDateTime) : null);
}

/// <summary>One entry of a paper's version history.</summary>
public sealed record PaperVersion(int Number, DateTimeOffset Date, string? Size = null);
