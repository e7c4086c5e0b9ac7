using PaperSearch.Papers;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// How two records of the same paper combine. The newest wins (higher version; same version → later
/// <see cref="Paper.Updated"/>; a full tie → the incoming record), but it never loses what only the other knows:
/// null or empty fields are filled from the other record, and the earliest listing and submission dates are kept
/// (a paper is "new" on the day it was first announced, not on a cross-list or replacement day).
/// </summary>
public static class PaperMerge
{
    /// <summary>True when <paramref name="incoming"/> should win over <paramref name="existing"/>.</summary>
    public static bool IsNewer(Paper incoming, Paper existing)
    {
        if (incoming.Version != existing.Version) return incoming.Version > existing.Version;
        return (incoming.Updated, existing.Updated) switch
        {
            ({ } a, { } b) => a >= b,
            (null, { }) => false,
            _ => true,
        };
    }

    public static Paper Merge(Paper existing, Paper incoming)
    {
        var (win, lose) = IsNewer(incoming, existing) ? (incoming, existing) : (existing, incoming);
        return win with
        {
            Version = Math.Max(win.Version, lose.Version),
            Title = string.IsNullOrWhiteSpace(win.Title) ? lose.Title : win.Title,
            Abstract = string.IsNullOrWhiteSpace(win.Abstract) ? lose.Abstract : win.Abstract,
            Authors = win.Authors.Count > 0 ? win.Authors : lose.Authors,
            Categories = win.Categories.Count > 0 ? win.Categories : lose.Categories,
            Comments = win.Comments ?? lose.Comments,
            JournalRef = win.JournalRef ?? lose.JournalRef,
            Doi = win.Doi ?? lose.Doi,
            License = win.License ?? lose.License,
            ReportNo = win.ReportNo ?? lose.ReportNo,
            Submitted = Earliest(win.Submitted, lose.Submitted),
            Updated = Latest(win.Updated, lose.Updated),
            ListingDate = Earliest(win.ListingDate, lose.ListingDate),
            Versions = win.Versions.Count >= lose.Versions.Count ? win.Versions : lose.Versions,
        };
    }

    private static T? Earliest<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) <= 0 ? x : y) : a ?? b;

    private static T? Latest<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) >= 0 ? x : y) : a ?? b;
}
